package dev.wfx.adapter.rest.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.RestApi;
import dev.wfx.adapter.rest.execution.RestSettings;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.application.execution.ExportHistoryService;
import dev.wfx.application.audit.ListWriteAuditsService;
import dev.wfx.application.execution.GetExecutionVersionService;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import io.helidon.http.HeaderNames;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A service whose gate is closed for shutdown refuses new requests with 503 and closes. */
@ServerTest
class ShuttingDownServerTest {

  private static final ApiFixture FIXTURE = new ApiFixture();
  private static final ServiceGate GATE = new ServiceGate();

  private final Http1Client client;

  ShuttingDownServerTest(Http1Client client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    RestApi.routing(
        routing,
        new RestApi.UseCases(
            new GetWorkflowExecutionService(FIXTURE.executions),
            new GetExecutionVersionService(FIXTURE.executions),
            FIXTURE.recordHistory,
            FIXTURE.auditRefusedWrite,
            FIXTURE.authenticateCaller,
            new ListWriteAuditsService(FIXTURE.auditTrail),
            new ExportHistoryService(FIXTURE.executions)),
        (member, value) -> value,
        new RestSettings(ApiFixture.BODY_LIMIT),
        GATE,
        Services.get(MeterRegistry.class));
    GATE.close();
  }

  @Test
  void givenAClosedGate_whenCalled_then503AndTheConnectionCloses() throws InterruptedException {
    try (Http1ClientResponse response =
        client
            .get("/workflow-executions/" + ApiFixture.tracecatId(':'))
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.userMemberA)
            .request()) {
      AvailabilityServerTest.assertUnavailable(response, "shutting down");
      assertEquals("close", response.headers().get(HeaderNames.CONNECTION).get());
    }
    assertTrue(GATE.awaitIdle(Duration.ZERO), "a refused request is not in flight");
  }
}
