package dev.wfx.adapter.persistence.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wfx.adapter.persistence.database.ChannelListener;
import dev.wfx.domain.access.ApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.KeyDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Driven adapter: the {@link ApiKeys} of a store, with the keys found by digest kept in memory for
 * as long as PostgreSQL's notifications on {@link #CHANNEL} (sent by a trigger on every update,
 * delete or truncate of {@code api_keys}, whoever makes it) say nothing changed.
 *
 * <p>Held keys are served only while the {@link ChannelListener} is current; otherwise every
 * lookup goes to the store. Every change forgets them all (revocations are rare), and a lookup
 * keeps its answer only under the generation it read before asking the store, so an answer read
 * before a change can never be served after it. Lookups that find nothing are not kept: a new key
 * then works at once with no notice on inserts, and unknown secrets, which anyone can send, cannot
 * crowd the real keys out.
 *
 * <p>Each listening session confirms the notifications it handled, so a revoke here returns only
 * once every running wfx refuses the key; a change by plain SQL is seen within milliseconds.
 */
public final class CachingApiKeys implements ApiKeys, AutoCloseable {

  /** The channel the migration's trigger notifies. */
  public static final String CHANNEL = "wfx_api_keys";

  static final int MOST_KEYS = 10_000;
  // A backstop only: a change is told within milliseconds.
  static final Duration LONGEST_HELD = Duration.ofMinutes(5);

  private record Held(ApiKey key, long generation) {}

  private final ApiKeys store;
  private final ChannelListener changes;
  private final Cache<KeyDigest, Held> held =
      Caffeine.newBuilder().maximumSize(MOST_KEYS).expireAfterWrite(LONGEST_HELD).build();
  private final AtomicLong generation = new AtomicLong();

  /**
   * Listens through connections of {@code connector} from the first lookup on.
   *
   * @param owner names the listening session, after {@code wfx listening on wfx_api_keys}
   */
  public CachingApiKeys(ApiKeys store, String owner, ChannelListener.Connector connector) {
    this.store = Objects.requireNonNull(store, "store");
    this.changes = new ChannelListener(CHANNEL, owner, connector, this::forgetAll);
  }

  @Override
  public Optional<ApiKey> findByDigest(KeyDigest digest) {
    // Read before asking whether the listener is current: a change it tells after this makes
    // the answer below unusable, whichever way the two race.
    long now = generation.get();
    if (!changes.isCurrent()) {
      changes.start();
      return store.findByDigest(digest);
    }
    Held known = held.getIfPresent(digest);
    if (known != null && known.generation() == now) {
      return Optional.of(known.key());
    }
    Optional<ApiKey> found = store.findByDigest(digest);
    found.ifPresent(key -> held.put(digest, new Held(key, now)));
    return found;
  }

  @Override
  public void add(ApiKey key) {
    store.add(key);
  }

  @Override
  public boolean addIfNoneExist(ApiKey key) {
    return store.addIfNoneExist(key);
  }

  @Override
  public List<ApiKey> list() {
    return store.list();
  }

  /**
   * Forgets every held key, also when the outcome is unknown, and after a revocation waits until
   * every listening wfx has forgotten it too (the trigger names the key), at most the listener's
   * lease: a revoked key is refused by every server from the moment this returns.
   */
  @Override
  public boolean revoke(ApiKeyId id, Instant at) {
    try (ChannelListener.Confirmations confirmations = changes.confirmations()) {
      boolean revoked;
      try {
        revoked = store.revoke(id, at);
      } finally {
        forgetAll();
      }
      if (revoked) {
        confirmations.await(id.value());
      }
      return revoked;
    }
  }

  /** Whether lookups are served from memory now: the listener hears every change. */
  public boolean isListening() {
    return changes.isCurrent();
  }

  void forgetAll() {
    generation.incrementAndGet();
    held.invalidateAll();
  }

  /** Stops listening; lookups go to the store from then on. */
  @Override
  public void close() {
    changes.close();
  }
}
