package dev.wfx.domain.access;

import java.util.Objects;

/**
 * The authenticated party behind a request: the public id of the API key it presented, which
 * audit entries name, and the role that key stands for, which decides what it may do.
 */
public record Caller(ApiKeyId keyId, Role role) {

  public Caller {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(role, "role");
  }
}
