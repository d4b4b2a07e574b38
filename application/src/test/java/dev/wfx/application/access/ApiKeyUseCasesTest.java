package dev.wfx.application.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.application.access.IssueApiKey.IssuedKey;
import dev.wfx.application.testing.InMemoryApiKeys;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyUseCasesTest {

  private static final WorkspaceId WS = WorkspaceId.of("ws-1");
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final InMemoryApiKeys keys = new InMemoryApiKeys();
  private final IssueApiKey issue = new IssueApiKeyService(keys, Clock.fixed(NOW, ZoneOffset.UTC));
  private final AuthenticateCaller authenticate = new AuthenticateCallerService(keys);

  @Test
  void givenAnIssuedServiceKey_whenItIsPresented_thenItsIdAndRoleAreTheCaller() {
    IssuedKey issued = issue.issue(new IssueApiKey.Command(RoleType.SERVICE, WS, false));

    Optional<Caller> caller = authenticate.authenticate(issued.secret());

    assertEquals(Optional.of(new Caller(issued.id(), issued.role())), caller);
    assertEquals(RoleType.SERVICE, issued.role().type());
    assertEquals(Role.MEMBER, issued.role().accessLevel());
    assertEquals("key-" + issued.id(), issued.role().serviceId());
  }

  @Test
  void givenAnIssuedKey_whenStored_thenOnlyItsDigestIsKept() {
    IssuedKey issued = issue.issue(new IssueApiKey.Command(RoleType.USER, WS, true));

    String stored = keys.list().getFirst().toString();
    assertFalse(stored.contains(issued.secret()));
    assertFalse(issued.toString().contains(issued.secret()));
    assertTrue(issued.secret().startsWith("wfx_"));
  }

  @Test
  void givenTwoIssuedKeys_thenTheirSecretsAndIdsDiffer() {
    IssuedKey a = issue.issue(new IssueApiKey.Command(RoleType.USER, WS, false));
    IssuedKey b = issue.issue(new IssueApiKey.Command(RoleType.USER, WS, false));

    assertNotEquals(a.secret(), b.secret());
    assertNotEquals(a.id(), b.id());
  }

  @Test
  void givenUnknownEmptyOrHugeKeys_whenPresented_thenNobodyIsAuthenticated() {
    issue.issue(new IssueApiKey.Command(RoleType.USER, WS, false));

    assertEquals(Optional.empty(), authenticate.authenticate("wfx_unknown"));
    assertEquals(Optional.empty(), authenticate.authenticate(""));
    assertEquals(Optional.empty(), authenticate.authenticate(null));
    assertEquals(Optional.empty(), authenticate.authenticate("x".repeat(10_000)));
  }

  @Test
  void givenARevokedKey_whenPresented_thenItIsRefused() {
    IssuedKey issued = issue.issue(new IssueApiKey.Command(RoleType.USER, WS, false));

    assertTrue(keys.revoke(issued.id(), NOW));

    assertEquals(Optional.empty(), authenticate.authenticate(issued.secret()));
  }

  @Test
  void givenNoKeys_whenAFirstAdminKeyIsChosen_thenItIsCreatedOnceWithExactlyThatValue() {
    String chosen = "my-chosen-admin-key-123";

    Optional<IssuedKey> first = issue.issueFirstAdminKey(Optional.of(chosen), WS);
    Optional<IssuedKey> second = issue.issueFirstAdminKey(Optional.empty(), WS);

    assertTrue(first.isPresent());
    assertTrue(first.get().role().isAdmin());
    assertEquals(Optional.empty(), second);
    assertEquals(Optional.of(first.get().role()), authenticate.authenticate(chosen).map(Caller::role));
    assertEquals(1, keys.list().size());
  }

  @Test
  void givenNoKeysAndNoChosenSecret_whenTheFirstAdminKeyIsIssued_thenANewSecretWorks() {
    IssuedKey first = issue.issueFirstAdminKey(Optional.empty(), WS).orElseThrow();

    assertTrue(first.secret().startsWith("wfx_"));
    assertEquals(Optional.of(first.role()), authenticate.authenticate(first.secret()).map(Caller::role));
  }

  @Test
  void givenAWeakChosenAdminKey_whenIssued_thenItIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> issue.issueFirstAdminKey(Optional.of("short"), WS));
    assertThrows(
        IllegalArgumentException.class, () -> issue.issueFirstAdminKey(Optional.of("has spaces in it ok?"), WS));
  }

  @Test
  void givenKeys_whenListed_thenNoSecretOrDigestIsShownAndRevocationIsVisible() {
    IssuedKey a = issue.issue(new IssueApiKey.Command(RoleType.USER, WS, false));
    IssuedKey b = issue.issue(new IssueApiKey.Command(RoleType.SERVICE, WS, false));
    ApiKeyAdministration administration =
        new ApiKeyAdministration(keys, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

    assertTrue(administration.revoke(a.id()));
    assertFalse(administration.revoke(a.id()));
    var listed = administration.list();

    assertEquals(2, listed.size());
    assertEquals(NOW.plusSeconds(60), listed.get(0).revokedAt());
    assertEquals(null, listed.get(1).revokedAt());
    assertEquals(b.role(), listed.get(1).role());
    assertFalse(listed.toString().contains(a.secret()));
    assertFalse(listed.toString().contains(b.secret()));
    assertEquals(Optional.empty(), authenticate.authenticate(a.secret()));
    assertEquals(Optional.of(b.role()), authenticate.authenticate(b.secret()).map(Caller::role));
  }
}
