package dev.wfx.adapter.rest.connection;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HTTP/1.1 connections as Helidon serves them, parsing requests from an {@link ExchangeReader}:
 * chunk data must end in CRLF, and a {@code Connection: close} ends the connection as soon as its
 * answer is out.
 */
public final class StrictHttp1Connections implements ServerConnectionSelector {

  private final Http1Config config;
  private final Http1ConnectionSelector http1;

  /** Connections with {@code config}'s limits and listeners, and {@link CloseAfterExchange}. */
  public StrictHttp1Connections(Http1Config config) {
    this.config =
        Http1Config.builder()
            .from(config)
            .receiveListeners(List.of(withCloseAfterExchange(config.receiveListeners())))
            .sendListeners(List.of(withCloseAfterExchange(config.sendListeners())))
            .build();
    this.http1 = Http1ConnectionSelector.builder().config(this.config).build();
  }

  private static Http1ConnectionListener withCloseAfterExchange(
      List<Http1ConnectionListener> listeners) {
    List<Http1ConnectionListener> all = new ArrayList<>(listeners);
    all.add(CloseAfterExchange.LISTENER);
    return new EveryListener(all);
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
    ServerConnection connection = http1.connection(new ReaderSwappedContext(context, reader));
    if (!(connection instanceof InterruptableTask<?> task)) {
      throw new IllegalStateException(
          "Helidon's HTTP/1.1 connection no longer tells when it waits for a request line");
    }
    reader.servedBy(task);
    return connection;
  }
}
