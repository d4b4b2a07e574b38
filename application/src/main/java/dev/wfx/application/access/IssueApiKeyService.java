package dev.wfx.application.access;

import dev.wfx.domain.access.ApiKey;
import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Generates the secret, stores only its digest, and names the principal after the key. */
public final class IssueApiKeyService implements IssueApiKey {

  /** Chosen secrets (the first admin key) must still be hard to guess. */
  static final int MIN_CHOSEN_SECRET_LENGTH = 16;

  private final ApiKeys apiKeys;
  private final Clock clock;

  public IssueApiKeyService(ApiKeys apiKeys, Clock clock) {
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public IssuedKey issue(Command command) {
    ApiKeyId id = new ApiKeyId(KeySecrets.newKeyId());
    String secret = KeySecrets.newSecret();
    Role role = roleFor(id, command.type(), command.workspace(), command.admin());
    apiKeys.add(new ApiKey(id, KeySecrets.digest(secret), role, clock.instant(), null));
    return new IssuedKey(id, secret, role);
  }

  @Override
  public Optional<IssuedKey> issueFirstAdminKey(
      Optional<String> chosenSecret, WorkspaceId workspace) {
    String secret = chosenSecret.orElseGet(KeySecrets::newSecret);
    requireStrongChosenSecret(secret);
    ApiKeyId id = new ApiKeyId(KeySecrets.newKeyId());
    Role role = roleFor(id, RoleType.USER, workspace, true);
    ApiKey key = new ApiKey(id, KeySecrets.digest(secret), role, clock.instant(), null);
    return apiKeys.addIfNoneExist(key)
        ? Optional.of(new IssuedKey(id, secret, role))
        : Optional.empty();
  }

  /** Refuses a chosen secret that would be easy to guess; the message never repeats it. */
  public static void requireStrongChosenSecret(String secret) {
    if (secret.length() < MIN_CHOSEN_SECRET_LENGTH
        || secret.length() > AuthenticateCallerService.MAX_KEY_LENGTH
        || secret.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw new IllegalArgumentException(
          "a chosen admin key needs "
              + MIN_CHOSEN_SECRET_LENGTH
              + " to "
              + AuthenticateCallerService.MAX_KEY_LENGTH
              + " printable ASCII characters without spaces");
    }
  }

  private static Role roleFor(ApiKeyId id, RoleType type, WorkspaceId workspace, boolean admin) {
    String principal = "key-" + id.value();
    return new Role(
        type,
        workspace,
        type == RoleType.USER ? principal : null,
        admin ? Role.ADMIN : Role.MEMBER,
        type == RoleType.SERVICE ? principal : null);
  }
}
