package dev.wfx.adapter.rest.execution;

import java.util.Objects;

/**
 * A document encoded once, with what a later reader needs to serve it again without rendering.
 *
 * @param run the run rendered, whose workspace is checked against each caller's visibility
 * @param version the history length the document was rendered from
 * @param closed whether the execution had closed, after which it never changes
 * @param body the encoded document; never modified once built
 */
record RenderedDocument(RunKey run, long version, boolean closed, byte[] body) {

  RenderedDocument {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(body, "body");
    if (version < 1) {
      throw new IllegalArgumentException("a rendered execution has at least one event");
    }
  }

  String entityTag() {
    return EntityTags.of(run, version, EntityTags.DOCUMENT);
  }
}
