package dev.wfx.bootstrap;

import dev.wfx.adapter.persistence.PostgresPersistence;
import dev.wfx.adapter.rest.RestApi;
import dev.wfx.adapter.rest.connection.RequestHeadTimeout;
import dev.wfx.adapter.rest.execution.RestSettings;
import dev.wfx.adapter.rest.observe.ServiceGate;
import dev.wfx.application.access.AuthenticateCallerService;
import dev.wfx.application.access.IssueApiKey;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.application.audit.AuditRefusedWriteService;
import dev.wfx.application.audit.ListWriteAuditsService;
import dev.wfx.application.audit.ThrottledAuditTrail;
import dev.wfx.application.execution.ExportHistoryService;
import dev.wfx.application.execution.GetExecutionVersionService;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import dev.wfx.application.execution.RecordHistoryService;
import dev.wfx.domain.redaction.CredentialRedactor;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.health.checks.HealthChecks;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root of the running service: persistence, use cases, HTTP with health and
 * metrics, in that order; stopping drains requests before closing the database.
 */
public final class WfxServer {

  private static final System.Logger LOG = System.getLogger(WfxServer.class.getName());

  private final PostgresPersistence persistence;
  private final AuditHousekeeping auditHousekeeping;
  private final WebServer webServer;
  private final ServiceGate gate;
  private final Duration shutdownGrace;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private WfxServer(
      PostgresPersistence persistence,
      AuditHousekeeping auditHousekeeping,
      WebServer webServer,
      ServiceGate gate,
      Duration shutdownGrace) {
    this.persistence = persistence;
    this.auditHousekeeping = auditHousekeeping;
    this.webServer = webServer;
    this.gate = gate;
    this.shutdownGrace = shutdownGrace;
  }

  /** Starts the database (embedded when no URL is configured) and the HTTP server. */
  public static WfxServer start(Config config, PrintStream console) {
    // Configuration mistakes surface before anything is started.
    Optional<String> chosenAdminKey = Settings.bootstrapAdminKey(config);
    WorkspaceId adminWorkspace = Settings.bootstrapWorkspace(config);
    RestSettings restSettings = Settings.rest(config);
    RequestHeadTimeout requestHeadTimeout = Settings.requestHeadTimeout(config);
    AuditHousekeeping.Settings auditSettings = Settings.audit(config);
    PostgresPersistence persistence = PostgresPersistence.start(Settings.database(config));
    AuditHousekeeping auditHousekeeping = null;
    try {
      announceFirstAdminKey(chosenAdminKey, adminWorkspace, persistence, console);
      MeterRegistry registry = Services.get(MeterRegistry.class);
      registerPoolGauges(registry, persistence);
      ServiceGate gate = new ServiceGate();
      var executions = persistence.executions();
      var auditTrail =
          new ThrottledAuditTrail(
              persistence.auditTrail(), auditSettings.refusalsPerMinute(), Clock.systemUTC());
      auditHousekeeping =
          AuditHousekeeping.start(auditTrail, auditSettings.retention(), Clock.systemUTC());
      var recordHistory =
          new MeteredRecordHistory(
              new RecordHistoryService(executions, auditTrail, Clock.systemUTC()), registry);
      var useCases =
          new RestApi.UseCases(
              new GetWorkflowExecutionService(executions),
              new GetExecutionVersionService(executions),
              recordHistory,
              new AuditRefusedWriteService(auditTrail, Clock.systemUTC()),
              new AuthenticateCallerService(persistence.apiKeys()),
              new ListWriteAuditsService(auditTrail),
              new ExportHistoryService(executions));
      WebServer webServer =
          WebServer.builder()
              .config(config.get("server"))
              // Our own hook drains requests first (Main); the server's would race it.
              .shutdownHook(false)
              .update(requestHeadTimeout::applyTo)
              .directHandlers(RestApi.directHandlers())
              .addFeature(observe(persistence, gate))
              .routing(
                  routing ->
                      RestApi.routing(
                          routing,
                          useCases,
                          CredentialRedactor::redact,
                          restSettings,
                          gate,
                          registry))
              .build()
              .start();
      LOG.log(Level.INFO, "wfx serves on port " + webServer.port());
      return new WfxServer(
          persistence, auditHousekeeping, webServer, gate, Settings.shutdownGrace(config));
    } catch (RuntimeException e) {
      if (auditHousekeeping != null) {
        auditHousekeeping.close();
      }
      persistence.close();
      throw e;
    }
  }

  /**
   * {@code /observe/health} (liveness: no deadlock; readiness: taking requests and the database
   * answers) and {@code /observe/metrics} (Prometheus text).
   */
  private static ObserveFeature observe(PostgresPersistence persistence, ServiceGate gate) {
    HealthCheck database =
        new HealthCheck() {
          @Override
          public String name() {
            return "database";
          }

          @Override
          public HealthCheckType type() {
            return HealthCheckType.READINESS;
          }

          @Override
          public HealthCheckResponse call() {
            boolean open = gate.isOpen();
            boolean up = open && persistence.isHealthy();
            return HealthCheckResponse.builder()
                .status(up)
                .detail("database", up || !open ? "UP" : "DOWN")
                .detail("accepting_requests", open)
                .build();
          }
        };
    return ObserveFeature.just(
        HealthObserver.builder()
            .details(true)
            .useSystemServices(false)
            .addCheck(database)
            .addCheck(HealthChecks.deadlockCheck(), HealthCheckType.LIVENESS)
            .build(),
        MetricsObserver.create(metrics -> {}));
  }

  private static void registerPoolGauges(MeterRegistry registry, PostgresPersistence persistence) {
    registry.getOrCreate(
        Gauge.builder("wfx.db.pool.active", () -> persistence.poolUsage().active())
            .description("Database connections lent out"));
    registry.getOrCreate(
        Gauge.builder("wfx.db.pool.idle", () -> persistence.poolUsage().idle())
            .description("Database connections idle in the pool"));
    registry.getOrCreate(
        Gauge.builder("wfx.db.pool.total", () -> persistence.poolUsage().total())
            .description("Database connections open"));
    registry.getOrCreate(
        Gauge.builder("wfx.db.pool.waiting", () -> persistence.poolUsage().waiting())
            .description("Requests waiting for a database connection"));
    registry.getOrCreate(
        Gauge.builder("wfx.api_key_cache.in_use", () -> persistence.apiKeyCacheInUse() ? 1 : 0)
            .description(
                "1 while API key lookups are served from memory (changes are heard), else 0"));
  }

  /**
   * On an empty key store, creates the first admin key (the configured one, else a new one) and
   * prints it once, so a new user can call the API at once.
   */
  private static void announceFirstAdminKey(
      Optional<String> chosen,
      WorkspaceId workspace,
      PostgresPersistence persistence,
      PrintStream console) {
    IssueApiKey issue = new IssueApiKeyService(persistence.apiKeys(), Clock.systemUTC());
    issue
        .issueFirstAdminKey(chosen, workspace)
        .ifPresent(
            key -> {
              if (chosen.isPresent()) {
                console.println(
                    "Created the first admin key (id " + key.id() + ") from WFX_BOOTSTRAP_ADMIN_KEY.");
              } else {
                console.println(
                    "Created the first admin key (id "
                        + key.id()
                        + ", workspace "
                        + key.role().workspaceId()
                        + "). It is shown only now:");
                console.println(key.secret());
              }
            });
  }

  public int port() {
    return webServer.port();
  }

  /**
   * Refuses new requests (503), lets those in flight finish within the grace period, then stops
   * the HTTP server and closes the pool and the database; a second call does nothing.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    gate.close();
    try {
      if (!gate.awaitIdle(shutdownGrace)) {
        LOG.log(
            Level.WARNING,
            gate.inFlight() + " requests still running after " + shutdownGrace + "; stopping anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      webServer.stop();
    } finally {
      auditHousekeeping.close();
      persistence.close();
      LOG.log(Level.INFO, "wfx stopped");
    }
  }
}
