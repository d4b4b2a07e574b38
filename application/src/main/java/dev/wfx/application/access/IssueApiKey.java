package dev.wfx.application.access;

import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/** Use case: create an API key for a role; its secret is shown once, here, and never again. */
public interface IssueApiKey {

  IssuedKey issue(Command command);

  /**
   * Creates an admin key, with the chosen secret or a new one, but only while no key exists at
   * all: the first-start path of a new installation. Empty when keys exist already.
   */
  Optional<IssuedKey> issueFirstAdminKey(Optional<String> chosenSecret, WorkspaceId workspace);

  /** @param admin whether the role sees every workspace (access level 999) */
  record Command(RoleType type, WorkspaceId workspace, boolean admin) {
    public Command {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(workspace, "workspace");
    }
  }

  /** The new key: its public id, the secret (shown once) and the role it stands for. */
  record IssuedKey(ApiKeyId id, String secret, Role role) {
    @Override
    public String toString() {
      return "IssuedKey[id=" + id + ", role=" + role + "]";
    }
  }
}
