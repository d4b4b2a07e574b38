package dev.wfx.adapter.rest.execution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The latest rendered document of each recently read run, bounded by their total size in
 * bytes (least recently used go first), rendered by one reader at a time per run.
 *
 * <p>It never decides who may read: callers check visibility before asking (the version query is
 * made with the caller's visibility, and a closed document's workspace is checked by the caller).
 */
final class RenderedDocuments {

  private final Cache<RunKey, RenderedDocument> held;
  private final ConcurrentHashMap<RunKey, CompletableFuture<Optional<RenderedDocument>>>
      rendering = new ConcurrentHashMap<>();

  /** @param maxBytes the most document bytes held; a larger document is rendered, not kept */
  RenderedDocuments(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("the document cache size must not be negative");
    }
    held =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((RunKey run, RenderedDocument document) -> document.body().length)
            .executor(Runnable::run)
            .build();
  }

  /** The held document of this run, if any. */
  Optional<RenderedDocument> held(RunKey id) {
    return Optional.ofNullable(held.getIfPresent(id));
  }

  /**
   * The document of {@code version} or a later one: the held one when it is recent enough, else
   * one rendered now. Concurrent readers of one run share a single rendering, so a burst of
   * readers of a large history renders it once, not once each.
   */
  Optional<RenderedDocument> atLeast(
      RunKey id, long version, Supplier<Optional<RenderedDocument>> render) {
    RenderedDocument current = held.getIfPresent(id);
    if (current != null && current.version() >= version) {
      return Optional.of(current);
    }
    CompletableFuture<Optional<RenderedDocument>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<RenderedDocument>> other = rendering.putIfAbsent(id, mine);
    if (other != null) {
      Optional<RenderedDocument> shared = join(other);
      // A rendering begun before this reader's version was written is too old for it.
      return shared.isPresent() && shared.get().version() >= version ? shared : render(id, render);
    }
    try {
      Optional<RenderedDocument> rendered = render(id, render);
      mine.complete(rendered);
      return rendered;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      rendering.remove(id, mine);
    }
  }

  private Optional<RenderedDocument> render(
      RunKey id, Supplier<Optional<RenderedDocument>> render) {
    Optional<RenderedDocument> rendered = render.get();
    rendered.ifPresent(
        document ->
            held.asMap()
                .merge(id, document, (old, fresh) -> fresh.version() >= old.version() ? fresh : old));
    return rendered;
  }

  private static Optional<RenderedDocument> join(
      CompletableFuture<Optional<RenderedDocument>> rendering) {
    try {
      return rendering.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
