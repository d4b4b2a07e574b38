package dev.wfx.bootstrap.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.persistence.DatabaseSettings;
import dev.wfx.bootstrap.RunningService;
import dev.wfx.bootstrap.WfxServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore as the deployment guide says (issue #17): {@code pg_dump -Fc} of wfx's schema,
 * dropped with the service, {@code pg_restore}d, wfx started on it serves every document byte for byte
 * with the same ETag, takes the same keys, and goes on recording where the original stopped.
 */
class BackupRestoreTest {

  private static final String ADMIN_KEY = "backup-admin-key-0123456789abcdef";
  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^:/?]+)(?::([0-9]+))?/([^?]+)(\\?.*)?");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path work;

  /** A document as served: its bytes and its entity tag. */
  private record Served(int status, String body, String entityTag) {}

  @Test
  void givenRecordedHistories_whenTheSchemaIsDumpedDroppedAndRestored_thenEveryDocumentComesBackByteForByte()
      throws Exception {
    Map<String, Served> before = new LinkedHashMap<>();
    Path dump = work.resolve("wfx.dump");
    DatabaseSettings original;
    try (RunningService service = RunningService.with().adminKey(ADMIN_KEY).start()) {
      original = service.databaseSettings();
      Map<String, String> histories = histories();
      for (Map.Entry<String, String> history : histories.entrySet()) {
        int status = post(service.port(), history.getKey(), history.getValue());
        assertTrue(status == 201 || status == 200, history.getKey() + " answered " + status);
      }
      for (String id : histories.keySet()) {
        Served served = get(service.port(), id);
        assertEquals(200, served.status(), id);
        before.put(id, served);
      }
      run(
          original,
          List.of(
              tool("pg_dump"),
              "--format=custom",
              "--no-owner",
              "--schema=" + original.schema(),
              "--file=" + dump,
              database(original)));
    }

    // The service's schema was dropped when it closed: the dump is all that is left of it. It is
    // restored where it was, which needs no right to create databases (the embedded PostgreSQL's
    // own role has none).
    run(
        original,
        List.of(tool("pg_restore"), "--no-owner", "--exit-on-error", "--dbname=" + database(original), dump.toString()));
    try {
      WfxServer server = WfxServer.start(config(original, original.url()), quiet());
      try {
        int checked = 0;
        for (Map.Entry<String, Served> document : before.entrySet()) {
          Served again = get(server.port(), document.getKey());
          assertEquals(document.getValue(), again, document.getKey() + " after the restore");
          checked++;
        }
        // The restored sequences and versions let recording go on where the original stopped.
        String next = "restored-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        assertEquals(201, post(server.port(), next, Files.readString(repository("examples/tracecat-run.json"))));
        System.out.printf(
            "BACKUP documents=%d bytes=%d identical=%d dump_bytes=%d%n",
            before.size(),
            before.values().stream().mapToLong(served -> served.body().length()).sum(),
            checked,
            Files.size(dump));
      } finally {
        server.stop();
      }
    } finally {
      sql(original, "DROP SCHEMA IF EXISTS " + original.schema() + " CASCADE");
    }
  }

  /** Execution id → Temporal history JSON: the repository's real histories and the example run. */
  private static Map<String, String> histories() throws IOException {
    Map<String, String> histories = new LinkedHashMap<>();
    histories.put(
        "wf_4Zq8mV3nR2pL7xK9tB1cYd/exec_7Hs2Kd9QmP4vX1nL8bZ3rT",
        Files.readString(repository("examples/tracecat-run.json")));
    try (Stream<Path> files = Files.list(repository("testdata/temporal-histories"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString();
        histories.put("backup-" + name.substring(0, name.length() - ".json".length()), Files.readString(file));
      }
    }
    return histories;
  }

  private int post(int port, String id, String history) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(uri(port, id, "/history?workspace_id=ws-backup"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(history))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private Served get(int port, String id) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(uri(port, id, ""))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Served(
        response.statusCode(),
        // Latin-1 maps every byte to one char: equal strings are equal bytes.
        new String(response.body(), StandardCharsets.ISO_8859_1),
        response.headers().firstValue("ETag").orElse(null));
  }

  private static URI uri(int port, String id, String suffix) {
    return URI.create(
        "http://127.0.0.1:"
            + port
            + "/workflow-executions/"
            + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + suffix);
  }

  private static Config config(DatabaseSettings original, String url) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.host", "127.0.0.1");
    settings.put("server.port", "0");
    settings.put("wfx.db.url", url);
    settings.put("wfx.db.user", original.user());
    settings.put("wfx.db.password", original.password());
    settings.put("wfx.db.schema", original.schema());
    return Config.builder()
        .disableEnvironmentVariablesSource()
        .disableSystemPropertiesSource()
        .addSource(ConfigSources.create(settings))
        .addSource(ConfigSources.classpath("application.yaml"))
        .build();
  }

  private static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream());
  }

  /** The libpq connection string of a database of the test server. */
  private static String database(DatabaseSettings settings) {
    Matcher url = parse(settings.url());
    return "host=" + url.group(1) + " port=" + port(url) + " dbname=" + url.group(3) + " user=" + settings.user();
  }

  private static Matcher parse(String jdbcUrl) {
    Matcher url = JDBC_URL.matcher(jdbcUrl);
    assertTrue(url.matches(), "a jdbc:postgresql://host:port/db URL: " + jdbcUrl);
    return url;
  }

  private static String port(Matcher url) {
    return url.group(2) == null ? "5432" : url.group(2);
  }

  private static void sql(DatabaseSettings settings, String statement) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", settings.user());
    credentials.setProperty("password", settings.password());
    try (Connection connection = DriverManager.getConnection(settings.url(), credentials);
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }

  private void run(DatabaseSettings settings, List<String> command)
      throws IOException, InterruptedException {
    Path output = work.resolve("tool.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()));
    builder.environment().put("PGPASSWORD", settings.password());
    int status = builder.start().waitFor();
    assertEquals(0, status, String.join(" ", command) + ":\n" + Files.readString(output));
  }

  /**
   * A PostgreSQL client program: on the PATH, else the newest of Debian's installed versions (whose
   * pg_dump must be at least as new as the server).
   */
  private static String tool(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name).toString();
      }
    }
    Path versions = Path.of("/usr/lib/postgresql");
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(versions)) {
      try (Stream<Path> installed = Files.list(versions)) {
        installed.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable).forEach(found::add);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return found.stream()
        .max(Comparator.comparing(path -> Integer.parseInt(path.getParent().getParent().getFileName().toString())))
        .map(Path::toString)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name + " is not installed: the backup test needs PostgreSQL's client programs"));
  }

  private static Path repository(String relative) {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new AssertionError("no " + relative + " above " + System.getProperty("user.dir"));
  }
}
