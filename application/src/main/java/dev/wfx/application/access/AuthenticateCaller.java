package dev.wfx.application.access;

import dev.wfx.domain.access.Caller;
import java.util.Optional;

/** Use case: tell who is calling from the API key they present. */
public interface AuthenticateCaller {

  /** The caller behind a valid, unrevoked key (its id and role); empty for anything else. */
  Optional<Caller> authenticate(String presentedKey);
}
