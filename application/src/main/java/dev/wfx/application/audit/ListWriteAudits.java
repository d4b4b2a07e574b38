package dev.wfx.application.audit;

import dev.wfx.domain.access.Role;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WriteAudit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Use case: an admin reads the latest entries of the audit trail of writes. */
public interface ListWriteAudits {

  int MAX_LIMIT = 1000;
  int DEFAULT_LIMIT = 100;

  Result list(Query query);

  /**
   * @param execution only this execution's entries; all when empty
   * @param limit how many entries at most, 1 to {@link #MAX_LIMIT}
   */
  record Query(Role caller, Optional<ExecutionId> execution, int limit) {
    public Query {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(execution, "execution");
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
      }
    }
  }

  /** The entries, or why the caller may not read them. */
  sealed interface Result {

    /** The latest entries, newest first. */
    record Listed(List<WriteAudit> entries) implements Result {
      public Listed {
        entries = List.copyOf(entries);
      }
    }

    /** Only admins read the audit trail. */
    record Forbidden(String reason) implements Result {}
  }
}
