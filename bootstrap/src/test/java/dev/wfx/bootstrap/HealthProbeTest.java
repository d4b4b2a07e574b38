package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The container image's health check against a running service and against nothing. */
class HealthProbeTest {

  @Test
  void givenARunningService_whenProbed_thenItIsReady() {
    try (RunningService service = RunningService.start()) {
      assertTrue(HealthProbe.isReady(readiness(service.port())));
    }
  }

  @Test
  void givenNothingListening_whenProbed_thenItIsNotReady() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertFalse(HealthProbe.isReady(readiness(port)));
  }

  @Test
  void givenAServiceThatAnswersSomethingElse_whenProbed_thenItIsNotReady() {
    try (RunningService service = RunningService.start()) {
      assertFalse(
          HealthProbe.isReady(URI.create("http://127.0.0.1:" + service.port() + "/no-such-route")));
    }
  }

  private static URI readiness(int port) {
    return URI.create("http://127.0.0.1:" + port + "/observe/health/ready");
  }
}
