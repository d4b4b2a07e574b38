package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfx.adapter.rest.testing.ApiFixture;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default installation: no database URL, so the service runs its own embedded PostgreSQL in
 * the data directory, which keeps the recorded histories across a restart.
 */
class EmbeddedDefaultTest {

  private static final String ADMIN_KEY = "embedded-admin-key-0123456789";

  @Test
  void givenNoDatabaseUrl_whenStartedStoppedAndRestarted_thenTheEmbeddedDatabaseKeepsTheHistory(
      @TempDir Path dataDir) throws IOException {
    Config config =
        Config.builder()
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .addSource(
                ConfigSources.create(
                    Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "wfx.data-dir", dataDir.toString(),
                        "wfx.bootstrap-admin-key", ADMIN_KEY)))
            .addSource(ConfigSources.classpath("application.yaml"))
            .build();
    PrintStream console = new PrintStream(OutputStream.nullOutputStream());
    String id = ApiFixture.tracecatId('/');
    String path = "/workflow-executions/" + id.replace("/", "%2F");

    WfxServer first = WfxServer.start(config, console);
    int firstPort = first.port();
    String recorded;
    try {
      ApiClient api = new ApiClient(firstPort);
      assertEquals(
          201,
          api.post(path + "/history?workspace_id=ws-embedded", ADMIN_KEY, TemporalEvents.history(started()))
              .status());
      recorded = api.get(path, ADMIN_KEY).body();
    } finally {
      first.stop();
    }
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", firstPort).close(), "the port is closed");

    WfxServer second = WfxServer.start(config, console);
    try {
      ApiClient.Answer again = new ApiClient(second.port()).get(path, ADMIN_KEY);

      assertEquals(200, again.status(), again.body());
      assertEquals(recorded, again.body());
      assertEquals(id, again.json().path("id").asText());
    } finally {
      second.stop();
    }
  }

  private static String started() {
    return TemporalEvents.event(
        1,
        "2024-03-01T10:00:00Z",
        "WORKFLOW_EXECUTION_STARTED",
        "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},"
            + "\"firstExecutionRunId\":\"5d0d2b1c-0000-4000-8000-000000000001\"}");
  }
}
