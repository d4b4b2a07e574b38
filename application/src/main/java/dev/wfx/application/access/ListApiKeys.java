package dev.wfx.application.access;

import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Role;
import java.time.Instant;
import java.util.List;

/** Use case: list the API keys, without anything secret. */
public interface ListApiKeys {

  List<KeySummary> list();

  /**
   * What may be shown of a key.
   *
   * @param revokedAt null while valid
   */
  record KeySummary(ApiKeyId id, Role role, Instant createdAt, Instant revokedAt) {}
}
