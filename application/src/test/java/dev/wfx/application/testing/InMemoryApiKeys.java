package dev.wfx.application.testing;

import dev.wfx.domain.access.ApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.KeyDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test fixture: the {@link ApiKeys} port held in memory. */
public final class InMemoryApiKeys implements ApiKeys {

  private final List<ApiKey> keys = new ArrayList<>();

  @Override
  public synchronized Optional<ApiKey> findByDigest(KeyDigest digest) {
    return keys.stream().filter(key -> key.digest().equals(digest)).findFirst();
  }

  @Override
  public synchronized void add(ApiKey key) {
    if (keys.stream().anyMatch(k -> k.id().equals(key.id()) || k.digest().equals(key.digest()))) {
      throw new IllegalStateException("duplicate key " + key.id());
    }
    keys.add(key);
  }

  @Override
  public synchronized boolean addIfNoneExist(ApiKey key) {
    if (!keys.isEmpty()) {
      return false;
    }
    keys.add(key);
    return true;
  }

  @Override
  public synchronized List<ApiKey> list() {
    return List.copyOf(keys);
  }

  @Override
  public synchronized boolean revoke(ApiKeyId id, Instant at) {
    for (int i = 0; i < keys.size(); i++) {
      ApiKey key = keys.get(i);
      if (key.id().equals(id) && !key.isRevoked()) {
        keys.set(i, new ApiKey(key.id(), key.digest(), key.role(), key.createdAt(), at));
        return true;
      }
    }
    return false;
  }
}
