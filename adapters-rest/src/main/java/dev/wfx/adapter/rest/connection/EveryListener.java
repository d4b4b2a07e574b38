package dev.wfx.adapter.rest.connection;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.List;

/**
 * Several HTTP/1.1 connection listeners as one, each told everything in turn. Helidon 4.5.0 makes
 * two or more configured listeners into one that tells none of them anything
 * ({@code Http1ConnectionListenerUtil.ListFrameListener} forwards no call), so a listener that is
 * not alone must be configured inside this one.
 */
final class EveryListener implements Http1ConnectionListener {

  private final List<Http1ConnectionListener> listeners;

  EveryListener(List<Http1ConnectionListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  List<Http1ConnectionListener> listeners() {
    return listeners;
  }

  @Override
  public void prologue(ConnectionContext connection, HttpPrologue prologue) {
    for (Http1ConnectionListener listener : listeners) {
      listener.prologue(connection, prologue);
    }
  }

  @Override
  public void headers(ConnectionContext connection, Headers headers) {
    for (Http1ConnectionListener listener : listeners) {
      listener.headers(connection, headers);
    }
  }

  @Override
  public void status(ConnectionContext connection, Status status) {
    for (Http1ConnectionListener listener : listeners) {
      listener.status(connection, status);
    }
  }

  @Override
  public void data(ConnectionContext connection, BufferData data) {
    for (Http1ConnectionListener listener : listeners) {
      listener.data(connection, data);
    }
  }

  @Override
  public void data(ConnectionContext connection, byte[] bytes, int offset, int length) {
    for (Http1ConnectionListener listener : listeners) {
      listener.data(connection, bytes, offset, length);
    }
  }
}
