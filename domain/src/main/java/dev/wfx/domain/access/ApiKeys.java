package dev.wfx.domain.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the stored API keys. Every method throws {@code StoreUnavailable} when the store
 * cannot answer.
 */
public interface ApiKeys {

  /** The key whose secret has this digest, revoked or not. */
  Optional<ApiKey> findByDigest(KeyDigest digest);

  /** Stores a new key. */
  void add(ApiKey key);

  /** Stores the key only if no key exists at all; atomic, so concurrent first starts add one. */
  boolean addIfNoneExist(ApiKey key);

  /** Every key, oldest first. */
  List<ApiKey> list();

  /** Marks the key revoked; false when there is no such key or it was revoked already. */
  boolean revoke(ApiKeyId id, Instant at);
}
