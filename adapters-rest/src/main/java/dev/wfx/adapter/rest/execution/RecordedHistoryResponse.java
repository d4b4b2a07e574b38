package dev.wfx.adapter.rest.execution;

import dev.wfx.application.execution.RecordHistory;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Objects;

/** Wire record: the answer to a recorded history batch (spec §7). */
@JsonbPropertyOrder({"id", "historyLength", "status", "appended", "duplicates", "runId"})
public record RecordedHistoryResponse(
    String id,
    @JsonbProperty("history_length") long historyLength,
    String status,
    int appended,
    int duplicates,
    @JsonbProperty("run_id") String runId) {

  public RecordedHistoryResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(runId, "runId");
  }

  static RecordedHistoryResponse of(RecordHistory.Outcome.Recorded recorded) {
    return new RecordedHistoryResponse(
        recorded.id().value(),
        recorded.historyLength(),
        recorded.status().name(),
        recorded.appended(),
        recorded.duplicates(),
        recorded.run().value());
  }
}
