package dev.wfx.application.testing;

import dev.wfx.domain.execution.Lookup;
import java.util.Optional;

/** Test helper: a lookup that is expected to find one run or none. */
public final class Lookups {

  private Lookups() {}

  /** The run found, empty when none was; a lookup that found several fails the test. */
  public static <T> Optional<T> single(Lookup<T> lookup) {
    return switch (lookup) {
      case Lookup.Found<T> found -> Optional.of(found.value());
      case Lookup.NotFound<T> notFound -> Optional.empty();
      case Lookup.InSeveralWorkspaces<T> several ->
          throw new AssertionError("found in several workspaces: " + several.workspaces());
    };
  }
}
