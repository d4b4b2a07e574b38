package dev.wfx.adapter.rest.connection;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;

/**
 * HTTP/1.1 connections as Helidon serves them, parsing requests from an {@link ExchangeReader}:
 * chunk data must end in CRLF.
 */
public final class StrictHttp1Connections implements ServerConnectionSelector {

  private final Http1Config config;
  private final Http1ConnectionSelector http1;

  /** Connections with {@code config}'s limits and listeners. */
  public StrictHttp1Connections(Http1Config config) {
    this.config = config;
    this.http1 = Http1ConnectionSelector.builder().config(config).build();
  }

  Http1Config config() {
    return config;
  }

  @Override
  public int bytesToIdentifyConnection() {
    return http1.bytesToIdentifyConnection();
  }

  @Override
  public Support supports(BufferData request) {
    return http1.supports(request);
  }

  @Override
  public Set<String> supportedApplicationProtocols() {
    return http1.supportedApplicationProtocols();
  }

  @Override
  public ServerConnection connection(ConnectionContext context) {
    ExchangeReader reader = new ExchangeReader(context.dataReader());
    return http1.connection(new ReaderSwappedContext(context, reader));
  }
}
