package dev.wfx.adapter.rest.connection;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.task.InterruptableTask;
import java.util.Objects;

/**
 * The reader Helidon's HTTP/1.1 connection parses requests from, holding the client to two rules
 * Helidon 4.5.0 leaves unenforced: chunk data ends in CRLF, and no request is read after an
 * exchange that closes the connection.
 *
 * <p>Helidon reads a chunk's data and then skips the two bytes after it without looking at them
 * ({@code Http1Connection.readNextChunk}: {@code readBuffer(length)}, then {@code skip(2)}). Any
 * two bytes there would let a request hidden in a body pass a front end that frames the body
 * differently, so a two-byte skip right after body data must skip CRLF. Body data is read only
 * through {@code readBuffer(int)}, which also skips internally; a body of known length is
 * followed by a read of the next request line, never by a skip.
 */
final class ExchangeReader extends DataReader {

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private InterruptableTask<?> connection;
  private boolean closeAfterExchange;
  private boolean afterBodyData;
  private boolean framingBroken;

  /** Reads what {@code source}, the socket's own reader, takes in; no byte is read twice. */
  ExchangeReader(DataReader source) {
    super(() -> next(source));
  }

  private static byte[] next(DataReader source) {
    // The socket's reader stands empty here unless something read ahead of the connection.
    source.ensureAvailable();
    return source.readBytes(source.available());
  }

  /**
   * The connection that reads from this reader: it may be interrupted only while it waits for a
   * request line.
   */
  void servedBy(InterruptableTask<?> connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /** The exchange under way is the connection's last: no request line is read after it. */
  void closeAfterExchange() {
    closeAfterExchange = true;
  }

  @Override
  public BufferData readBuffer(int length) {
    afterBodyData = false;
    BufferData data = super.readBuffer(length);
    afterBodyData = true;
    return data;
  }

  @Override
  public void skip(int n) {
    boolean chunkEnd = afterBodyData && n == 2;
    afterBodyData = false;
    if (!chunkEnd) {
      super.skip(n);
      return;
    }
    byte first = read();
    byte second = read();
    if (first != CR || second != LF) {
      framingBroken = true;
      throw new BrokenChunkFraming();
    }
  }

  /**
   * Every line, a request line first of all, starts here. After a broken chunk nothing more is
   * read, so the rest of that body cannot be drained into a request; after the last exchange the
   * connection reads as ended, which Helidon answers by closing it.
   */
  @Override
  public int findNewLine(int max) {
    afterBodyData = false;
    if (framingBroken || (closeAfterExchange && connection.canInterrupt())) {
      throw new InsufficientDataAvailableException();
    }
    return super.findNewLine(max);
  }
}
