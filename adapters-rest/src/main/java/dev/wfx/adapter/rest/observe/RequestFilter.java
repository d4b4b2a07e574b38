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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  // Any other method is counted as OTHER, so a client cannot mint metric series at will.
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  private final ServiceGate gate;
  private final MeterRegistry registry;
  // Looking a timer up in the registry by name and tags costs more than the request's own routing.
  private final ConcurrentHashMap<Series, Timer> timers = new ConcurrentHashMap<>();

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
    timers
        .computeIfAbsent(new Series(route(rawPath), metricMethod(method), status), this::timer)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (ACCESS.isLoggable(Level.INFO)) {
      long tenthsOfMillis = nanos / 100_000;
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
              + tenthsOfMillis / 10
              + "."
              + tenthsOfMillis % 10);
    }
  }

  private Timer timer(Series series) {
    return registry.getOrCreate(
        Timer.builder(REQUESTS_METRIC)
            .description("HTTP requests by route, method and status")
            .tags(
                List.of(
                    Tag.create("route", series.route()),
                    Tag.create("method", series.method()),
                    Tag.create("status", String.valueOf(series.status())))));
  }

  static String metricMethod(String method) {
    return KNOWN_METHODS.contains(method) ? method : "OTHER";
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

  private record Series(String route, String method, int status) {}
}
