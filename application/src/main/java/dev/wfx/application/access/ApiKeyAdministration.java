package dev.wfx.application.access;

import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.ApiKeys;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Lists and revokes keys in the store. */
public final class ApiKeyAdministration implements ListApiKeys, RevokeApiKey {

  private final ApiKeys apiKeys;
  private final Clock clock;

  public ApiKeyAdministration(ApiKeys apiKeys, Clock clock) {
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<KeySummary> list() {
    return apiKeys.list().stream()
        .map(key -> new KeySummary(key.id(), key.role(), key.createdAt(), key.revokedAt()))
        .toList();
  }

  @Override
  public boolean revoke(ApiKeyId id) {
    return apiKeys.revoke(id, clock.instant());
  }
}
