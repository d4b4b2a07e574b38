package dev.wfx.adapter.rest.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.error.RequestIds;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import io.helidon.http.HeaderNames;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Every answered request is timed by route, method and status and written to the access log. */
@ServerTest
class RequestFilterServerTest {

  private static final ApiFixture FIXTURE = new ApiFixture();
  private static final MeterRegistry REGISTRY = Services.get(MeterRegistry.class);

  private final Http1Client client;

  RequestFilterServerTest(Http1Client client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    FIXTURE.routing(routing, new GetWorkflowExecutionService(FIXTURE.executions));
  }

  @Test
  void givenReads_whenAnswered_thenEachIsCountedInItsSeries() {
    long before = notFoundReads();

    read("count-1");
    read("count-2");

    // Observed once the response is sent, which the client may see first.
    assertEquals(before + 2, eventually(() -> notFoundReads() == before + 2, RequestFilterServerTest::notFoundReads));
  }

  @Test
  void givenARead_whenAnswered_thenOneAccessLogLineNamesItWithItsDuration() {
    List<String> lines = new CopyOnWriteArrayList<>();
    Logger access = Logger.getLogger("wfx.access");
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    access.addHandler(capture);
    List<String> mine;
    try {
      read("access-line-1");
      Supplier<List<String>> logged =
          () -> lines.stream().filter(line -> line.contains("access-line-1")).toList();
      mine = eventually(() -> !logged.get().isEmpty(), logged);
    } finally {
      access.removeHandler(capture);
    }

    assertEquals(1, mine.size(), lines::toString);
    assertTrue(
        mine.getFirst()
            .matches(
                "request_id=access-line-1 method=GET path=/workflow-executions/wf_missing"
                    + " status=404 duration_ms=\\d+\\.\\d"),
        mine.getFirst());
  }

  @Test
  void givenAnyMethodName_whenCounted_thenOnlyKnownMethodsMakeTheirOwnSeries() {
    assertEquals("GET", RequestFilter.metricMethod("GET"));
    assertEquals("POST", RequestFilter.metricMethod("POST"));
    assertEquals("OTHER", RequestFilter.metricMethod("BREW"));
    assertEquals("OTHER", RequestFilter.metricMethod("get"));
  }

  private void read(String requestId) {
    try (Http1ClientResponse response =
        client
            .get("/workflow-executions/wf_missing")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.userMemberA)
            .header(RequestIds.HEADER, requestId)
            .request()) {
      assertEquals(404, response.status().code());
    }
  }

  private static <T> T eventually(BooleanSupplier done, Supplier<T> value) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return value.get();
  }

  private static long notFoundReads() {
    return REGISTRY.meters().stream()
        .filter(meter -> meter instanceof Timer)
        .filter(meter -> meter.id().name().equals(RequestFilter.REQUESTS_METRIC))
        .filter(
            meter -> {
              Map<String, String> tags = new HashMap<>();
              meter.id().tags().forEach(tag -> tags.put(tag.key(), tag.value()));
              return "get_execution".equals(tags.get("route"))
                  && "GET".equals(tags.get("method"))
                  && "404".equals(tags.get("status"));
            })
        .mapToLong(meter -> ((Timer) meter).count())
        .sum();
  }
}
