package dev.wfx.domain.execution;

import dev.wfx.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What looking for a run of an execution found: the run, nothing, or — for a caller who sees every
 * workspace and named none — the id in several workspaces, of which none is more right than another.
 */
public sealed interface Lookup<T> {

  record Found<T>(T value) implements Lookup<T> {
    public Found {
      Objects.requireNonNull(value, "value");
    }
  }

  /** No such run where the caller may look; missing and invisible are the same on purpose. */
  record NotFound<T>() implements Lookup<T> {}

  /** The execution id exists in each of these workspaces (at least two), in workspace order. */
  record InSeveralWorkspaces<T>(List<WorkspaceId> workspaces) implements Lookup<T> {
    public InSeveralWorkspaces {
      workspaces = List.copyOf(workspaces);
      if (workspaces.size() < 2) {
        throw new IllegalArgumentException("several workspaces are at least two");
      }
    }
  }

  /** The same outcome with the found value mapped. */
  default <R> Lookup<R> map(Function<? super T, ? extends R> mapper) {
    return switch (this) {
      case Found<T> found -> new Found<>(mapper.apply(found.value()));
      case NotFound<T> notFound -> new NotFound<>();
      case InSeveralWorkspaces<T> several -> new InSeveralWorkspaces<>(several.workspaces());
    };
  }
}
