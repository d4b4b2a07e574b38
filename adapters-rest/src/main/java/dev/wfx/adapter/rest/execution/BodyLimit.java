package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.error.ApiProblem;
import io.helidon.http.Status;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to the limit and refuses (413) the moment it goes beyond, so a body sent
 * without {@code Content-Length} (chunked) is never read to its end either.
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
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
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
