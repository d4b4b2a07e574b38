package dev.wfx.adapter.rest.execution;

import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.RestApi;
import dev.wfx.adapter.rest.observe.ServiceGate;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.application.execution.ExportHistoryService;
import dev.wfx.application.access.AuthenticateCaller;
import dev.wfx.application.audit.ListWriteAuditsService;
import dev.wfx.application.execution.GetExecutionVersionService;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.metrics.api.Metrics;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The request timeout ({@code wfx.request-timeout}): a request that outlives it answers 503 with
 * {@code Retry-After} before it reaches the store, and a body still trickling in at it is cut off;
 * either way nothing is stored, and the refusal is audited.
 */
@ServerTest
class RequestTimeoutServerTest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
  private static final ApiFixture FIXTURE = new ApiFixture();

  private final Http1Client client;
  private final URI uri;

  RequestTimeoutServerTest(Http1Client client, URI uri) {
    this.client = client;
    this.uri = uri;
  }

  @SetUpServer
  static void server(WebServerConfig.Builder server) {
    server.directHandlers(RestApi.directHandlers());
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    // Two keys stand for a key store that answers slower than the deadline.
    AuthenticateCaller slowForTwoKeys =
        key -> {
          if (key.equals(FIXTURE.serviceMemberA) || key.equals(FIXTURE.userAdminB)) {
            sleep(REQUEST_TIMEOUT.multipliedBy(2));
          }
          return FIXTURE.authenticateCaller.authenticate(key);
        };
    RestApi.routing(
        routing,
        new RestApi.UseCases(
            new GetWorkflowExecutionService(FIXTURE.executions),
            new GetExecutionVersionService(FIXTURE.executions),
            FIXTURE.recordHistory,
            FIXTURE.auditRefusedWrite,
            slowForTwoKeys,
            new ListWriteAuditsService(FIXTURE.auditTrail),
            new ExportHistoryService(FIXTURE.executions)),
        (member, value) -> value,
        new RestSettings(ApiFixture.BODY_LIMIT).withRequestTimeout(REQUEST_TIMEOUT),
        new ServiceGate(),
        Metrics.globalRegistry());
  }

  @Test
  void givenASlowStoreBeforeTheAppend_whenPosted_then503AndNothingIsStored() {
    String id = ApiFixture.tracecatId(':');
    try (Http1ClientResponse response =
        client
            .post("/workflow-executions/" + id + "/history")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(MediaTypes.APPLICATION_JSON)
            .submit(history(started(1)))) {
      assertTimedOut(response, "before reading its body");
    }
    assertNotStored(id);
    assertAuditedAsTimedOut(id, "the request timeout passed before reading its body");
  }

  @Test
  void givenASlowStoreBeforeTheRead_whenRead_then503() {
    try (Http1ClientResponse response =
        client
            .get("/workflow-executions/" + ApiFixture.tracecatId(':'))
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.userAdminB)
            .request()) {
      assertTimedOut(response, "before reading the execution");
    }
  }

  @Test
  void givenABodyThatTricklesIn_whenTheRequestTimeoutPasses_thenItIsCutOffAndNothingIsStored()
      throws Exception {
    String id = ApiFixture.tracecatId(':');
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /workflow-executions/" + id + "/history HTTP/1.1\r\nHost: x\r\n"
                  + "Authorization: Bearer " + FIXTURE.serviceMemberB + "\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"events\":[")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      // One byte every 100 ms: each read is well within the body read timeout (30 s).
      Thread trickle =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < 100 && !socket.isClosed(); i++) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(100);
                      }
                    } catch (IOException | InterruptedException e) {
                      // the server cut the connection, or the test is over
                    }
                  });
      String answer = readUntilClosed(socket.getInputStream());
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      socket.close();
      trickle.join(5_000);

      assertTrue(
          waitedMillis >= REQUEST_TIMEOUT.toMillis() - 100 && waitedMillis < 5_000,
          "cut off after " + waitedMillis + " ms");
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 503"), answer);
    }
    assertNotStored(id);
    assertAuditedAsTimedOut(id, "the request timeout passed before its whole body arrived");
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    StringBuilder answer = new StringBuilder();
    try {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
      }
    } catch (SocketException reset) {
      // a reset is a cut-off too
    }
    return answer.toString();
  }

  private void assertNotStored(String id) {
    try (Http1ClientResponse response =
        client
            .get("/workflow-executions/" + id)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.userMemberA)
            .request()) {
      assertEquals(Status.NOT_FOUND_404, response.status());
    }
  }

  /** The refusal's entry, which the handler may still be writing when the client is cut off. */
  private static void assertAuditedAsTimedOut(String id, String detail) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<WriteAudit> entries = List.of();
    while (entries.isEmpty() && System.nanoTime() < giveUp) {
      sleep(Duration.ofMillis(20));
      entries = FIXTURE.auditTrail.latest(Optional.of(ExecutionId.of(id)), 10);
    }
    assertEquals(1, entries.size(), entries::toString);
    assertEquals(WriteOutcome.TIMED_OUT, entries.getFirst().outcome());
    assertEquals(detail, entries.getFirst().detail());
  }

  private static void assertTimedOut(Http1ClientResponse response, String stage) {
    assertEquals(Status.SERVICE_UNAVAILABLE_503, response.status());
    assertEquals("1", response.headers().get(HeaderNames.RETRY_AFTER).get());
    String body = response.as(String.class);
    assertTrue(body.contains("request timeout of 500 ms"), body);
    assertTrue(body.contains(stage), body);
    assertFalse(body.contains("Exception"), body);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
