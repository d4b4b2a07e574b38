package dev.wfx.adapter.rest.connection;

import io.helidon.http.Headers;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Marks a connection's exchange as its last when the request carries {@code Connection: close} or
 * the answer does (RFC 9112 §9.6): its {@link ExchangeReader} then reads no further request.
 *
 * <p>Helidon 4.5.0 answers such an exchange with {@code Connection: close} but goes on waiting
 * for a request line, so the client's wait for the end of the connection lasted until the idle
 * check closed it.
 */
final class CloseAfterExchange implements Http1ConnectionListener {

  /** Registered to receive and to send, it sees the headers of requests and of answers. */
  static final CloseAfterExchange LISTENER = new CloseAfterExchange();

  private CloseAfterExchange() {}

  @Override
  public void headers(ConnectionContext connection, Headers headers) {
    if (headers.containsToken(HeaderValues.CONNECTION_CLOSE)
        && connection.dataReader() instanceof ExchangeReader reader) {
      reader.closeAfterExchange();
    }
  }
}
