package dev.wfx.application.access;

import dev.wfx.domain.access.ApiKeys;
import dev.wfx.domain.access.KeyDigest;
import dev.wfx.domain.access.Caller;
import java.util.Objects;
import java.util.Optional;

/** Looks the key up by the digest of what was presented; revoked keys count as unknown. */
public final class AuthenticateCallerService implements AuthenticateCaller {

  /** Longer input is refused before hashing, so a huge header costs nothing. */
  static final int MAX_KEY_LENGTH = 512;

  private final ApiKeys apiKeys;

  public AuthenticateCallerService(ApiKeys apiKeys) {
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
  }

  @Override
  public Optional<Caller> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    KeyDigest digest = KeySecrets.digest(presentedKey);
    return apiKeys
        .findByDigest(digest)
        .filter(key -> KeySecrets.sameDigest(key.digest(), digest))
        .filter(key -> !key.isRevoked())
        .map(key -> new Caller(key.id(), key.role()));
  }
}
