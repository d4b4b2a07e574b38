package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.application.audit.AuditRefusedWrite;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.StoreUnavailable;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.WorkspaceId;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The refusals of one write before its batch reaches the recording use case, and the service's own
 * failures on it: each is audited, then handed back to be thrown as the answer.
 *
 * <p>A trail that is down makes the answer 503, as for every other write, so that no refusal is
 * answered without its entry; any other failure to audit is logged and the refusal answered all
 * the same, so that the caller's mistake is never answered as the server's (500).
 */
final class RefusedWrites {

  private static final System.Logger LOG = System.getLogger(RefusedWrites.class.getName());

  private final AuditRefusedWrite auditRefusedWrite;
  private final Caller caller;
  private final ExecutionId id;
  private final Optional<WorkspaceId> workspace;

  RefusedWrites(
      AuditRefusedWrite auditRefusedWrite,
      Caller caller,
      ExecutionId id,
      Optional<WorkspaceId> workspace) {
    this.auditRefusedWrite = auditRefusedWrite;
    this.caller = caller;
    this.id = id;
    this.workspace = workspace;
  }

  /**
   * Audits the refusal and returns its answer.
   *
   * @param batch the events read before the refusal; empty when the body was not read
   * @param detail the reason for the trail, quoting nothing of the body
   */
  ApiProblem refuse(
      WriteOutcome outcome, String detail, List<HistoryEvent> batch, ApiProblem answer) {
    audit(outcome, detail, batch);
    return answer;
  }

  /**
   * Audits a write the service failed on and returns the failure, to be thrown on to the central
   * error mapping, which logs it and answers 500.
   *
   * @param batch the events read before the failure; empty when the body was not read
   */
  RuntimeException failed(RuntimeException failure, List<HistoryEvent> batch) {
    audit(
        WriteOutcome.FAILED, "the service failed recording the batch; its log holds the cause", batch);
    return failure;
  }

  /** Audits a request stopped by its deadline before {@code next} and returns its 503. */
  ApiProblem timedOut(RequestDeadline deadline, String next, List<HistoryEvent> batch) {
    return refuse(
        WriteOutcome.TIMED_OUT,
        "the request timeout passed before " + next,
        batch,
        deadline.expired(next));
  }

  private void audit(WriteOutcome outcome, String detail, List<HistoryEvent> batch) {
    try {
      auditRefusedWrite.audit(
          new AuditRefusedWrite.Command(caller, id, workspace, batch, outcome, detail));
    } catch (StoreUnavailable unavailable) {
      throw unavailable;
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "cannot audit a refused write of execution " + id + ": " + detail, e);
    }
  }
}
