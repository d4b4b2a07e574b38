package dev.wfx.bootstrap;

import dev.wfx.adapter.persistence.PostgresPersistence;
import dev.wfx.adapter.rest.RestApi;
import dev.wfx.application.access.AuthenticateCallerService;
import dev.wfx.application.access.IssueApiKey;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.application.execution.GetExecutionVersionService;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import dev.wfx.application.execution.RecordHistoryService;
import dev.wfx.domain.view.CredentialRedactor;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

/** The composition root of the running service: persistence, use cases, HTTP, in that order. */
public final class WfxServer {

  private static final System.Logger LOG = System.getLogger(WfxServer.class.getName());

  private final PostgresPersistence persistence;
  private final WebServer webServer;

  private WfxServer(PostgresPersistence persistence, WebServer webServer) {
    this.persistence = persistence;
    this.webServer = webServer;
  }

  /** Starts the database (embedded when no URL is configured) and the HTTP server. */
  public static WfxServer start(Config config, PrintStream console) {
    PostgresPersistence persistence = PostgresPersistence.start(Settings.database(config));
    try {
      announceFirstAdminKey(config, persistence, console);
      var executions = persistence.executions();
      var getWorkflowExecution = new GetWorkflowExecutionService(executions);
      var getExecutionVersion = new GetExecutionVersionService(executions);
      var recordHistory = new RecordHistoryService(executions);
      var authenticateCaller = new AuthenticateCallerService(persistence.apiKeys());
      WebServer webServer =
          WebServer.builder()
              .config(config.get("server"))
              .directHandlers(RestApi.directHandlers())
              .routing(
                  routing ->
                      RestApi.routing(
                          routing,
                          getWorkflowExecution,
                          getExecutionVersion,
                          recordHistory,
                          authenticateCaller,
                          CredentialRedactor::redact,
                          Settings.rest(config)))
              .build()
              .start();
      LOG.log(Level.INFO, "wfx serves on port " + webServer.port());
      return new WfxServer(persistence, webServer);
    } catch (RuntimeException e) {
      persistence.close();
      throw e;
    }
  }

  /**
   * On an empty key store, creates the first admin key (the configured one, else a new one) and
   * prints it once, so a new user can call the API at once.
   */
  private static void announceFirstAdminKey(
      Config config, PostgresPersistence persistence, PrintStream console) {
    Optional<String> chosen = Settings.bootstrapAdminKey(config);
    IssueApiKey issue = new IssueApiKeyService(persistence.apiKeys(), Clock.systemUTC());
    issue
        .issueFirstAdminKey(chosen, Settings.bootstrapWorkspace(config))
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

  /** Stops taking requests, lets in-flight ones finish, then closes the pool and database. */
  public void stop() {
    try {
      webServer.stop();
    } finally {
      persistence.close();
    }
  }
}
