package dev.wfx.bootstrap;

import dev.wfx.application.execution.RecordHistory;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.List;
import java.util.Objects;

/**
 * Decorator of the recording use case that counts what became of each batch (appended events,
 * duplicates, rejected and contended batches) for {@code /observe/metrics}.
 */
final class MeteredRecordHistory implements RecordHistory {

  private final RecordHistory recordHistory;
  private final MeterRegistry registry;
  private final Counter appendedEvents;
  private final Counter duplicateEvents;
  private final Counter contendedBatches;

  MeteredRecordHistory(RecordHistory recordHistory, MeterRegistry registry) {
    this.recordHistory = Objects.requireNonNull(recordHistory, "recordHistory");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.appendedEvents =
        registry.getOrCreate(
            Counter.builder("wfx.history.appended.events")
                .description("History events stored by accepted batches"));
    this.duplicateEvents =
        registry.getOrCreate(
            Counter.builder("wfx.history.duplicate.events")
                .description("Re-sent history events that were already stored and skipped"));
    this.contendedBatches =
        registry.getOrCreate(
            Counter.builder("wfx.history.contended.batches")
                .description("Batches given up after other writers kept winning the race"));
  }

  @Override
  public Outcome record(Command command) {
    Outcome outcome = recordHistory.record(command);
    switch (outcome) {
      case Outcome.Recorded recorded -> {
        appendedEvents.increment(recorded.appended());
        duplicateEvents.increment(recorded.duplicates());
      }
      case Outcome.Rejected rejected ->
          rejected(rejected.rejection().getClass().getSimpleName()).increment();
      case Outcome.Contended contended -> contendedBatches.increment();
      case Outcome.Forbidden forbidden -> rejected("Forbidden").increment();
      case Outcome.InSeveralWorkspaces several -> rejected("InSeveralWorkspaces").increment();
    }
    return outcome;
  }

  private Counter rejected(String reason) {
    return registry.getOrCreate(
        Counter.builder("wfx.history.rejected.batches")
            .description("Batches refused, by reason; nothing of them is stored")
            .tags(List.of(Tag.create("reason", reason))));
  }
}
