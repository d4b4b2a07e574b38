package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.application.execution.GetExecutionVersion;
import dev.wfx.application.execution.GetWorkflowExecution;
import dev.wfx.application.execution.GetWorkflowExecution.Query;
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
 * <p>A poll of a running execution costs one version query (made with the caller's visibility)
 * and no rendering while nothing changed. A closed execution can no longer change nor move to
 * another workspace, so its held rendering needs only the caller's visibility checked against that
 * workspace, here, and not even the version query.
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
        documents
            .held(query.id())
            .filter(RenderedDocument::closed)
            .filter(
                document ->
                    query
                        .caller()
                        .visibility(query.workspace())
                        .filter(visibility -> visibility.includes(document.workspace()))
                        .isPresent());
    if (closed.isPresent()) {
      send(request, response, closed.get());
      return;
    }
    switch (getExecutionVersion.version(query)) {
      case GetExecutionVersion.Result.NotFound notFound ->
          throw ApiProblem.of(Status.NOT_FOUND_404, WorkflowExecutionService.NOT_FOUND);
      case GetExecutionVersion.Result.Current current -> {
        String entityTag = EntityTags.of(query.id(), current.version());
        if (notModified(request, entityTag)) {
          boolean knownClosed =
              documents
                  .held(query.id())
                  .filter(held -> held.version() == current.version() && held.closed())
                  .isPresent();
          sendNotModified(response, entityTag, knownClosed);
          return;
        }
        RenderedDocument document =
            documents
                .atLeast(query.id(), current.version(), () -> render(query))
                .orElseThrow(
                    () -> ApiProblem.of(Status.NOT_FOUND_404, WorkflowExecutionService.NOT_FOUND));
        send(request, response, document);
      }
    }
  }

  private Optional<RenderedDocument> render(Query query) {
    return switch (getWorkflowExecution.get(query)) {
      case GetWorkflowExecution.Result.NotFound notFound -> Optional.empty();
      case GetWorkflowExecution.Result.Found found -> {
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        try {
          documentJson.write(found.document(), body);
        } catch (IOException e) {
          throw new IllegalStateException("writing to memory cannot fail", e);
        }
        yield Optional.of(
            new RenderedDocument(
                query.id(),
                found.workspace(),
                found.document().historyLength(),
                found.document().closeTime() != null,
                body.toByteArray()));
      }
    };
  }

  private static boolean notModified(ServerRequest request, String entityTag) {
    return EntityTags.noneMatchHits(request.headers().values(HeaderNames.IF_NONE_MATCH), entityTag);
  }

  private static void send(ServerRequest request, ServerResponse response, RenderedDocument document) {
    String entityTag = document.entityTag();
    if (notModified(request, entityTag)) {
      sendNotModified(response, entityTag, document.closed());
      return;
    }
    response.status(Status.OK_200);
    response.headers().contentType(MediaTypes.APPLICATION_JSON);
    response.headers().set(HeaderNames.ETAG, entityTag);
    response.headers().set(document.closed() ? IMMUTABLE : REVALIDATE);
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

  private static void sendNotModified(ServerResponse response, String entityTag, boolean closed) {
    response.status(Status.NOT_MODIFIED_304);
    response.headers().set(HeaderNames.ETAG, entityTag);
    response.headers().set(closed ? IMMUTABLE : REVALIDATE);
    response.send();
  }
}
