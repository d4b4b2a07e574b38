package dev.wfx.adapter.rest.execution;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.Objects;

/**
 * A document encoded once, with what a later reader needs to serve it again without rendering.
 *
 * @param workspace the execution's own workspace, checked against each caller's visibility
 * @param version the history length the document was rendered from
 * @param closed whether the execution had closed, after which it never changes
 * @param body the encoded document; never modified once built
 */
record RenderedDocument(
    ExecutionId id, WorkspaceId workspace, long version, boolean closed, byte[] body) {

  RenderedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(body, "body");
    if (version < 1) {
      throw new IllegalArgumentException("a rendered execution has at least one event");
    }
  }

  String entityTag() {
    return EntityTags.of(id, version);
  }
}
