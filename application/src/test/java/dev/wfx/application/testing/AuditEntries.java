package dev.wfx.application.testing;

import dev.wfx.domain.access.ApiKeyId;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.access.Role;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/** Test fixture: the audit entries that tests appending to a store directly hand it. */
public final class AuditEntries {

  /** The service that writes every batch of these entries. */
  public static final Caller WRITER =
      new Caller(
          new ApiKeyId("writer01"),
          new Role(RoleType.SERVICE, WorkspaceId.of("ws-writer"), null, Role.MEMBER, "svc"));
  public static final Instant AT = Instant.parse("2026-05-06T07:08:09.123456Z");

  private AuditEntries() {}

  /** The entry of {@code newEvents}, all new, appended to the execution at that version. */
  public static WriteAudit of(
      WorkflowExecution execution, long expectedVersion, List<HistoryEvent> newEvents) {
    return WriteAudit.accepted(
        AT,
        WRITER,
        execution.id(),
        execution.workspace(),
        newEvents,
        expectedVersion == 0,
        newEvents.size(),
        0)
        .withRun(execution.runId());
  }

  /** The entry of a new execution's whole history sent as its first batch. */
  public static WriteAudit creating(WorkflowExecution execution) {
    return of(execution, 0, execution.history());
  }
}
