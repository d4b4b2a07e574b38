package dev.wfx.application.access;

import dev.wfx.domain.access.Role;
import java.util.Optional;

/** Use case: tell who is calling from the API key they present. */
public interface AuthenticateCaller {

  /** The role of a valid, unrevoked key; empty for anything else. */
  Optional<Role> authenticate(String presentedKey);
}
