package dev.wfx.domain.access;

import java.time.Instant;
import java.util.Objects;

/**
 * An API key as stored: its public id, the digest of its secret, the role it stands for.
 *
 * @param revokedAt null while the key is valid
 */
public record ApiKey(ApiKeyId id, KeyDigest digest, Role role, Instant createdAt, Instant revokedAt) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }
}
