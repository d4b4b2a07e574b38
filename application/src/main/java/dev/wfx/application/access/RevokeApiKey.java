package dev.wfx.application.access;

import dev.wfx.domain.access.ApiKeyId;

/** Use case: revoke an API key; it is refused from the next request on. */
public interface RevokeApiKey {

  /** False when there is no such valid key. */
  boolean revoke(ApiKeyId id);
}
