package dev.wfx.bootstrap;

import dev.wfx.adapter.persistence.PostgresPersistence;
import dev.wfx.adapter.persistence.execution.ProjectionRebuild;
import dev.wfx.adapter.rest.temporal.TemporalHistoryTranslator;
import io.helidon.config.Config;
import java.io.PrintStream;

/**
 * {@code wfx projections rebuild}: the re-derivation path of the archive. Every stored event's
 * typed projection is derived again from its original with this release's reading of Temporal's
 * history, the same one that records histories.
 */
final class ProjectionCommands {

  private ProjectionCommands() {}

  static int rebuild(Config config, PrintStream out) {
    try (PostgresPersistence persistence =
        PostgresPersistence.start(Settings.database(config).withPoolSize(2))) {
      ProjectionRebuild.Summary summary =
          persistence.projectionRebuild().rebuild(TemporalHistoryTranslator::derive);
      out.println(
          "Derived "
              + summary.derived()
              + " events again from their originals; "
              + summary.changed()
              + " projections changed. Restart a running wfx to drop the documents it holds.");
      return 0;
    }
  }
}
