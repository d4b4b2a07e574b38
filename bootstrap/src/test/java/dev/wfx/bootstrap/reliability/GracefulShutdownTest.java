package dev.wfx.bootstrap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.TestDatabase;
import dev.wfx.bootstrap.WfxServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping drains: requests in flight finish, new ones get 503, then the pool and the embedded
 * database close cleanly; a restart has everything. SIGTERM does the same to a real process.
 */
class GracefulShutdownTest {

  @TempDir Path dataDir;

  @Test
  void givenARequestInFlight_whenStopped_thenItFinishesNewOnesGet503AndARestartHasEverything()
      throws Exception {
    Map<String, String> settings =
        Map.of(
            "server.host", "127.0.0.1",
            "server.port", "0",
            "wfx.data-dir", dataDir.toString(),
            "wfx.bootstrap-admin-key", Services.ADMIN_KEY,
            "wfx.shutdown-grace", "PT10S");
    WfxServer server =
        WfxServer.start(Services.config(settings), new PrintStream(OutputStream.nullOutputStream()));
    String id = "drain-" + UUID.randomUUID();
    String body = Histories.batch(1, 20, 20);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Api api = new Api(server.port(), Services.ADMIN_KEY);
    CompletableFuture<Void> stopping;
    String inFlightAnswer;
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      slow.setSoTimeout(15_000);
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /workflow-executions/" + id + "/history HTTP/1.1\r\nHost: localhost\r\n"
                  + "Authorization: Bearer " + Services.ADMIN_KEY + "\r\n"
                  + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      awaitInFlight(api);

      stopping = CompletableFuture.runAsync(server::stop);
      Api.Answer refused = awaitRefusal(api);
      assertEquals(503, refused.status(), refused.body());
      assertEquals("1", refused.retryAfter());
      assertTrue(refused.body().contains("shutting down"), refused.body());
      assertFalse(stopping.isDone(), "stop waits for the request in flight");

      out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
      out.flush();
      inFlightAnswer = statusLine(slow.getInputStream());
    }
    stopping.get();
    assertEquals("HTTP/1.1 201 Created", inFlightAnswer);
    assertFalse(
        Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")),
        "the embedded PostgreSQL has stopped");

    WfxServer restarted =
        WfxServer.start(Services.config(settings), new PrintStream(OutputStream.nullOutputStream()));
    try {
      Api.Document document =
          Api.document(new Api(restarted.port(), Services.ADMIN_KEY).get(id));
      assertEquals(20, document.historyLength());
      assertEquals("COMPLETED", document.status());
    } finally {
      restarted.stop();
    }
  }

  @Test
  void givenAServiceProcess_whenSigterm_thenItExitsAndARestartHasEverything() throws Exception {
    try (TestDatabase database = TestDatabase.start()) {
      int port = Services.freePort();
      Path log = dataDir.resolve("wfx.log");
      String id = "sigterm-" + UUID.randomUUID();
      try (ServiceProcess service = ServiceProcess.start(database.settings(), port, log)) {
        Api.Answer created = new Api(port, Services.ADMIN_KEY).post(id, Histories.batch(1, 5, 50));
        assertEquals(201, created.status(), created.body());
        service.terminate(Duration.ofSeconds(20));
      }
      try (ServiceProcess service = ServiceProcess.start(database.settings(), port, log)) {
        Api.Document document = Api.document(new Api(port, Services.ADMIN_KEY).get(id));
        assertEquals(5, document.historyLength());
        service.terminate(Duration.ofSeconds(20));
      }
      assertTrue(Files.readString(log).contains("wfx serves on port " + port));
    }
  }

  /** Waits until the server counts the slow request as in flight (its headers are read). */
  private static void awaitInFlight(Api api) throws InterruptedException {
    Thread.sleep(300);
    api.path("/observe/health/live");
  }

  private static Api.Answer awaitRefusal(Api api) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Api.Answer answer = api.path("/observe/health/live");
    while (answer.status() != 503 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      answer = api.path("/observe/health/live");
    }
    return answer;
  }

  private static String statusLine(InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }
}
