package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.application.execution.GetExecutionVersion;
import dev.wfx.application.execution.GetWorkflowExecution;
import dev.wfx.application.execution.GetWorkflowExecution.Query;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers {@code GET /workflow-executions/{id}} for {@link WorkflowExecutionService}: the held
 * rendering when it is current, else a new one; {@code 304} for a matching {@code If-None-Match}.
 *
 * <p>A read costs one summary query (made with the caller's visibility), which finds the run meant
 * — the one named, else the latest — and its version, and no rendering while nothing changed. A
 * closed run named by its run id can no longer change nor move, so when the caller's workspace is
 * known without asking (named, or a member's own) its held rendering is served without even that
 * query, as immutable; without a run id, a newer run may come, so the answer is revalidated.
 */
final class DocumentReads {

  // A year is the longest max-age caches are asked to keep.
  private static final Header IMMUTABLE =
      HeaderValues.create(HeaderNames.CACHE_CONTROL, "private, max-age=31536000, immutable");
  private static final Header REVALIDATE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache");
  private static final int WRITE_SLICE = 64 * 1024;

  private final GetWorkflowExecution getWorkflowExecution;
  private final GetExecutionVersion getExecutionVersion;
  private final WorkflowExecutionJson documentJson;
  private final RenderedDocuments documents;

  DocumentReads(
      GetWorkflowExecution getWorkflowExecution,
      GetExecutionVersion getExecutionVersion,
      WorkflowExecutionJson documentJson,
      RenderedDocuments documents) {
    this.getWorkflowExecution = Objects.requireNonNull(getWorkflowExecution, "getWorkflowExecution");
    this.getExecutionVersion = Objects.requireNonNull(getExecutionVersion, "getExecutionVersion");
    this.documentJson = Objects.requireNonNull(documentJson, "documentJson");
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  void answer(ServerRequest request, ServerResponse response, Query query) {
    Optional<RenderedDocument> closed =
        knownRun(query).flatMap(documents::held).filter(RenderedDocument::closed);
    if (closed.isPresent()) {
      send(request, response, closed.get(), true);
      return;
    }
    StoredRun run = storedRun(getExecutionVersion.version(query));
    RunKey key = RunKey.of(run);
    boolean named = query.run().isPresent();
    String entityTag = EntityTags.of(key, run.version(), EntityTags.DOCUMENT);
    if (notModified(request, entityTag)) {
      boolean knownClosed =
          documents
              .held(key)
              .filter(held -> held.version() == run.version() && held.closed())
              .isPresent();
      sendNotModified(response, entityTag, named && knownClosed);
      return;
    }
    RenderedDocument document =
        documents
            .atLeast(key, run.version(), () -> render(query, run))
            .orElseThrow(
                () -> ApiProblem.of(Status.NOT_FOUND_404, WorkflowExecutionService.NOT_FOUND));
    send(request, response, document, named);
  }

  /**
   * The run a query names when its workspace is known without asking the store: named by the
   * caller (who may use it), or a member's own; empty for an unnamed run or an admin's unnamed
   * workspace.
   */
  static Optional<RunKey> knownRun(Query query) {
    if (query.run().isEmpty()) {
      return Optional.empty();
    }
    Optional<WorkspaceId> workspace;
    if (query.workspace().isPresent()) {
      workspace = query.workspace().filter(query.caller()::mayUse);
    } else {
      workspace =
          query.caller().isAdmin() ? Optional.empty() : Optional.of(query.caller().workspaceId());
    }
    return workspace.map(ws -> new RunKey(ws, query.id(), query.run().get()));
  }

  /** The run found, or the answer that it was not: 404, or 409 when it is in several workspaces. */
  static StoredRun storedRun(GetExecutionVersion.Result result) {
    return switch (result) {
      case GetExecutionVersion.Result.Current current -> current.run();
      case GetExecutionVersion.Result.NotFound notFound ->
          throw ApiProblem.of(Status.NOT_FOUND_404, WorkflowExecutionService.NOT_FOUND);
      case GetExecutionVersion.Result.InSeveralWorkspaces several ->
          throw WorkflowExecutionService.inSeveralWorkspaces(several.workspaces());
    };
  }

  /** Renders the run found, by its workspace and run id, so that a newer run cannot slip in. */
  private Optional<RenderedDocument> render(Query query, StoredRun run) {
    Query exact =
        new Query(query.id(), query.caller(), Optional.of(run.workspace()), Optional.of(run.run()));
    return switch (getWorkflowExecution.get(exact)) {
      case GetWorkflowExecution.Result.NotFound notFound -> Optional.empty();
      case GetWorkflowExecution.Result.InSeveralWorkspaces several -> Optional.empty();
      case GetWorkflowExecution.Result.Found found -> {
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        try {
          documentJson.write(found.document(), body);
        } catch (IOException e) {
          throw new IllegalStateException("writing to memory cannot fail", e);
        }
        yield Optional.of(
            new RenderedDocument(
                RunKey.of(run),
                found.document().historyLength(),
                found.document().closeTime() != null,
                body.toByteArray()));
      }
    };
  }

  static boolean notModified(ServerRequest request, String entityTag) {
    return EntityTags.noneMatchHits(request.headers().values(HeaderNames.IF_NONE_MATCH), entityTag);
  }

  /** @param named whether the run was named by its id, so that a closed one never changes */
  private static void send(
      ServerRequest request, ServerResponse response, RenderedDocument document, boolean named) {
    String entityTag = document.entityTag();
    boolean immutable = named && document.closed();
    if (notModified(request, entityTag)) {
      sendNotModified(response, entityTag, immutable);
      return;
    }
    response.status(Status.OK_200);
    response.headers().contentType(MediaTypes.APPLICATION_JSON);
    response.headers().set(HeaderNames.ETAG, entityTag);
    response.headers().set(immutable ? IMMUTABLE : REVALIDATE);
    byte[] body = document.body();
    response.headers().contentLength(body.length);
    // Slices, not send(body): sending the array whole copies it per response, so 16 readers of a
    // 20 MB document held 16 copies at once (bench/run.sh, memory).
    try (OutputStream out = response.outputStream()) {
      for (int offset = 0; offset < body.length; offset += WRITE_SLICE) {
        out.write(body, offset, Math.min(WRITE_SLICE, body.length - offset));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away while reading the document", e);
    }
  }

  static void sendNotModified(ServerResponse response, String entityTag, boolean immutable) {
    response.status(Status.NOT_MODIFIED_304);
    response.headers().set(HeaderNames.ETAG, entityTag);
    response.headers().set(immutable ? IMMUTABLE : REVALIDATE);
    response.send();
  }
}
