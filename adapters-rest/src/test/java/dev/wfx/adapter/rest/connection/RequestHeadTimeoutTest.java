package dev.wfx.adapter.rest.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadTimeoutTest {

  @ParameterizedTest
  @CsvSource({"PT1S, PT2S, PT0.1S", "PT1.5S, PT3S, PT0.15S", "PT10S, PT11S, PT1S", "PT60S, PT61S, PT1S"})
  void givenATimeout_whenApplied_thenHelidonsIdleCheckNeverClosesSoonerAndChecksOften(
      Duration timeout, Duration idleTimeout, Duration period) {
    WebServerConfig.Builder server = WebServer.builder();

    new RequestHeadTimeout(timeout).applyTo(server);

    assertEquals(idleTimeout, server.idleConnectionTimeout());
    assertEquals(period, server.idleConnectionPeriod());
    assertTrue(server.idleConnectionTimeout().minusSeconds(1).compareTo(timeout) >= 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0.999S", "PT0S", "PT-1S"})
  void givenATimeoutUnderASecond_whenCreated_thenItIsRefused(Duration timeout) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> new RequestHeadTimeout(timeout));
    assertTrue(refused.getMessage().contains("at least PT1S"), refused.getMessage());
  }

  @Test
  void givenAListener_whenApplied_thenStrictHttp11WithTheGuardIsItsOnlyConnections() {
    WebServerConfig.Builder server = WebServer.builder();

    new RequestHeadTimeout(Duration.ofSeconds(1)).applyTo(server);

    // A second protocol would make Helidon read a new connection's first bytes before the idle
    // check can see it: a client that sends nothing would never be cut off.
    assertFalse(server.protocolsDiscoverServices());
    assertEquals(List.of(), server.protocols());
    assertEquals(1, server.connectionSelectors().size());
    Http1Config http1 =
        assertInstanceOf(StrictHttp1Connections.class, server.connectionSelectors().getFirst()).config();
    EveryListener receivers = assertInstanceOf(EveryListener.class, http1.compositeReceiveListener());
    assertTrue(receivers.listeners().stream().anyMatch(StalledHeadersGuard.class::isInstance));
  }
}
