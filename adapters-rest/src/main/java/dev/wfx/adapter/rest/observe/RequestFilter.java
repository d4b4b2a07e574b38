package dev.wfx.adapter.rest.observe;

import dev.wfx.adapter.rest.error.Problems;
import dev.wfx.adapter.rest.error.RequestIds;
import io.helidon.http.HeaderValues;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs first on every request: gives it an id (response header {@code X-Request-Id}), refuses it
 * with 503 while the service shuts down, and once it is answered writes the access log line and
 * records its latency by route, method and status.
 */
public final class RequestFilter implements Filter {

  /** The timer's name; Prometheus shows it as {@code wfx_http_requests_seconds_*}. */
  public static final String REQUESTS_METRIC = "wfx.http.requests";

  private static final System.Logger ACCESS = System.getLogger("wfx.access");

  private final ServiceGate gate;
  private final MeterRegistry registry;

  public RequestFilter(ServiceGate gate, MeterRegistry registry) {
    this.gate = Objects.requireNonNull(gate, "gate");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
    long start = System.nanoTime();
    String requestId = RequestIds.of(request.headers());
    response.header(RequestIds.HEADER, requestId);
    String method = request.prologue().method().text();
    String rawPath = request.path().absolute().rawPath();
    response.whenSent(() -> observe(requestId, method, rawPath, response.status().code(), start));
    if (!gate.enter()) {
      Problems.answer(
          request,
          response,
          Problems.unavailable("The service is shutting down; send the request again.")
              .withHeader(HeaderValues.CONNECTION_CLOSE));
      return;
    }
    try {
      chain.proceed();
    } finally {
      gate.leave();
    }
  }

  private void observe(String requestId, String method, String rawPath, int status, long start) {
    long nanos = System.nanoTime() - start;
    registry
        .getOrCreate(
            Timer.builder(REQUESTS_METRIC)
                .description("HTTP requests by route, method and status")
                .tags(
                    List.of(
                        Tag.create("route", route(rawPath)),
                        Tag.create("method", method),
                        Tag.create("status", String.valueOf(status)))))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (ACCESS.isLoggable(Level.INFO)) {
      ACCESS.log(
          Level.INFO,
          "request_id="
              + requestId
              + " method="
              + method
              + " path="
              + rawPath
              + " status="
              + status
              + " duration_ms="
              + String.format(Locale.ROOT, "%.1f", nanos / 1e6));
    }
  }

  /** A few route names, never the ids in the path, so the metric's series stay few. */
  static String route(String rawPath) {
    if (rawPath.startsWith("/workflow-executions/") || rawPath.startsWith("/workspaces/")) {
      return rawPath.endsWith("/history") ? "record_history" : "get_execution";
    }
    if (rawPath.startsWith("/observe/")) {
      return "observe";
    }
    return "other";
  }
}
