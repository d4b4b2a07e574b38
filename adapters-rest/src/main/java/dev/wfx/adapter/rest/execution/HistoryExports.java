package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.adapter.rest.temporal.TemporalHistoryWriter;
import dev.wfx.application.execution.ExportHistory;
import dev.wfx.application.execution.GetExecutionVersion;
import dev.wfx.application.execution.GetWorkflowExecution.Query;
import dev.wfx.domain.execution.StoredRun;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;

/**
 * Answers {@code GET /workflow-executions/{id}/history} for {@link WorkflowExecutionService}: the
 * run's stored history in Temporal's own JSON, streamed a page of events at a time, under the same
 * workspace rules, run choice and conditional requests as the document.
 */
final class HistoryExports {

  static final String WITHOUT_ORIGINALS =
      "This run was stored before wfx kept each event as Temporal recorded it; its history"
          + " cannot be exported. The document is still served.";

  private final GetExecutionVersion getExecutionVersion;
  private final ExportHistory exportHistory;

  HistoryExports(GetExecutionVersion getExecutionVersion, ExportHistory exportHistory) {
    this.getExecutionVersion = Objects.requireNonNull(getExecutionVersion, "getExecutionVersion");
    this.exportHistory = Objects.requireNonNull(exportHistory, "exportHistory");
  }

  void answer(ServerRequest request, ServerResponse response, Query query) {
    StoredRun run = DocumentReads.storedRun(getExecutionVersion.version(query));
    String entityTag = EntityTags.of(RunKey.of(run), run.version(), EntityTags.HISTORY);
    if (DocumentReads.notModified(request, entityTag)) {
      DocumentReads.sendNotModified(response, entityTag, false);
      return;
    }
    if (!run.originalsKept()) {
      throw ApiProblem.of(Status.CONFLICT_409, WITHOUT_ORIGINALS);
    }
    response.status(Status.OK_200);
    response.headers().contentType(MediaTypes.APPLICATION_JSON);
    response.headers().set(HeaderNames.ETAG, entityTag);
    response.headers().set(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache"));
    try (TemporalHistoryWriter history = new TemporalHistoryWriter(response.outputStream())) {
      exportHistory.export(run, history::write);
    }
  }
}
