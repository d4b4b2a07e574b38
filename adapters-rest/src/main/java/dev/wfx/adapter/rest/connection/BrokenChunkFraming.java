package dev.wfx.adapter.rest.connection;

/**
 * A chunked request body whose chunk data is not followed by CRLF: the body cannot be framed, and
 * its connection ends once the request is answered.
 */
public final class BrokenChunkFraming extends RuntimeException {

  BrokenChunkFraming() {
    super("a chunk's data is not followed by CRLF", null, false, false);
  }
}
