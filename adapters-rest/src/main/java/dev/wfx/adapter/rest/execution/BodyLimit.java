package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.connection.BrokenChunkFraming;
import dev.wfx.adapter.rest.error.ApiProblem;
import io.helidon.http.Status;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to the limit and refuses (413) the moment it goes beyond, so a body sent
 * without {@code Content-Length} (chunked) is never read to its end either.
 *
 * <p>Helidon reports a body that stops early (client gone, read timed out) as an unchecked
 * exception; it is turned into the {@link IOException} readers expect, so it is answered as an
 * unreadable body rather than as a server failure.
 */
final class BodyLimit extends FilterInputStream {

  private final long limit;
  private long read;

  BodyLimit(InputStream body, long limit) {
    super(body);
    this.limit = limit;
  }

  static ApiProblem tooLarge(long limit) {
    return ApiProblem.of(
        Status.REQUEST_ENTITY_TOO_LARGE_413,
        "The request body is larger than the limit of " + limit + " bytes.");
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = super.read();
    } catch (ApiProblem problem) {
      throw problem;
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = super.read(buffer, offset, length);
    } catch (ApiProblem problem) {
      throw problem;
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
    if (n > 0) {
      count(n);
    }
    return n;
  }

  /** Closing drains what is left of the body, which fails the same way when the client is gone. */
  @Override
  public void close() throws IOException {
    try {
      super.close();
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
  }

  /** A body that cannot be framed says so; any other failure means the body stopped early. */
  private static IOException unreadable(RuntimeException failure) {
    return new IOException(
        failure instanceof BrokenChunkFraming ? failure.getMessage() : "the request body ended early",
        failure);
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  private void count(long n) {
    read += n;
    if (read > limit) {
      throw tooLarge(limit);
    }
  }
}
