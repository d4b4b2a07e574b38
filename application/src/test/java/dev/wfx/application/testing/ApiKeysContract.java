package dev.wfx.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.access.ApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.KeyDigest;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every behaviour of the {@link ApiKeys} port; each store runs it by supplying an empty one. */
public abstract class ApiKeysContract {

  private static final WorkspaceId WS = WorkspaceId.of("ws-1");
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

  private ApiKeys keys;

  /** A store that holds no key; called before each test. */
  protected abstract ApiKeys emptyApiKeys();

  @BeforeEach
  void startEmpty() {
    keys = emptyApiKeys();
  }

  @Test
  void givenNoKeys_whenListedOrLookedUp_thenThereIsNone() {
    assertEquals(List.of(), keys.list());
    assertEquals(Optional.empty(), keys.findByDigest(digest(1)));
  }

  @Test
  void givenKeysOfEveryRole_whenFoundByDigest_thenEachComesBackEqual() {
    List<ApiKey> added =
        List.of(
            key(1, new Role(RoleType.USER, WS, "user-1", Role.MEMBER, null), T0),
            key(2, new Role(RoleType.SERVICE, WS, null, Role.MEMBER, "svc-1"), T0.plusSeconds(1)),
            key(3, new Role(RoleType.USER, WS, "root", Role.ADMIN, null), T0.plusSeconds(2)));
    added.forEach(keys::add);

    for (ApiKey key : added) {
      assertEquals(Optional.of(key), keys.findByDigest(key.digest()));
    }
    assertEquals(Optional.empty(), keys.findByDigest(digest(9)));
  }

  @Test
  void givenAKey_whenAnotherWithTheSameIdOrDigestIsAdded_thenItIsRefused() {
    keys.add(key(1, member(), T0));

    assertThrows(
        IllegalStateException.class,
        () -> keys.add(new ApiKey(id(1), digest(2), member(), T0, null)));
    assertThrows(
        IllegalStateException.class,
        () -> keys.add(new ApiKey(id(2), digest(1), member(), T0, null)));
    assertEquals(1, keys.list().size());
  }

  @Test
  void givenNoKeys_whenAddedIfNoneExist_thenItIsAdded() {
    ApiKey key = key(1, member(), T0);

    assertTrue(keys.addIfNoneExist(key));

    assertEquals(List.of(key), keys.list());
  }

  @Test
  void givenAKey_whenAnotherIsAddedIfNoneExist_thenItIsNot() {
    keys.add(key(1, member(), T0));

    assertFalse(keys.addIfNoneExist(key(2, member(), T0)));

    assertEquals(1, keys.list().size());
  }

  @Test
  void givenConcurrentFirstStarts_whenEachAddsIfNoneExist_thenExactlyOneKeyIsAdded()
      throws Exception {
    int starts = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 1; i <= starts; i++) {
      ApiKey key = key(i, member(), T0);
      tasks.add(
          () -> {
            go.await();
            return keys.addIfNoneExist(key);
          });
    }
    int added = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(starts)) {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (Callable<Boolean> task : tasks) {
        futures.add(pool.submit(task));
      }
      go.countDown();
      for (Future<Boolean> future : futures) {
        added += future.get() ? 1 : 0;
      }
    }

    assertEquals(1, added);
    assertEquals(1, keys.list().size());
  }

  @Test
  void givenKeysAddedOverTime_whenListed_thenOldestComesFirst() {
    ApiKey newest = key(1, member(), T0.plusSeconds(60));
    ApiKey oldest = key(2, member(), T0);
    ApiKey middle = key(3, member(), T0.plusSeconds(30));
    keys.add(oldest);
    keys.add(middle);
    keys.add(newest);

    assertEquals(List.of(oldest, middle, newest), keys.list());
  }

  @Test
  void givenAKey_whenRevoked_thenItIsRevokedAtThatTimeAndOnlyOnce() {
    ApiKey key = key(1, member(), T0);
    keys.add(key);
    Instant at = T0.plusSeconds(3_600);

    assertTrue(keys.revoke(key.id(), at));
    assertFalse(keys.revoke(key.id(), at.plusSeconds(1)));

    ApiKey revoked = keys.findByDigest(key.digest()).orElseThrow();
    assertEquals(at, revoked.revokedAt());
    assertTrue(revoked.isRevoked());
  }

  @Test
  void givenNoSuchKey_whenRevoked_thenNothingHappens() {
    assertFalse(keys.revoke(id(7), T0));
  }

  private static Role member() {
    return new Role(RoleType.SERVICE, WS, null, Role.MEMBER, "svc");
  }

  private static ApiKey key(int n, Role role, Instant createdAt) {
    return new ApiKey(id(n), digest(n), role, createdAt, null);
  }

  private static ApiKeyId id(int n) {
    return new ApiKeyId("key0000" + n);
  }

  private static KeyDigest digest(int n) {
    return new KeyDigest(String.format("%064x", n));
  }
}
