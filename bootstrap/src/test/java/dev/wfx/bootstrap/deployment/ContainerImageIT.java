package dev.wfx.bootstrap.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image (issue #17), built from {@code deploy/Containerfile} with podman and the
 * packaged jar, then read and run: its configuration (entrypoint, user, port, health check,
 * variables) from the saved image's config JSON, and the running container records and serves a
 * history from the test PostgreSQL as an unprivileged process, with a passing health check.
 *
 * <p>This machine reaches no image registry, so the base is a stand-in made here from the test
 * JVM's own runtime (jlink) and the C libraries it links: what Containerfile puts on top of the base
 * is what is tested. Missing podman fails the test; runs in the Maven profile {@code deployment}.
 */
class ContainerImageIT {

  private static final String ADMIN_KEY = "image-admin-key-0123456789abcdef";
  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^:/?]+)(?::([0-9]+))?/([^?]+)(\\?.*)?");

  @TempDir Path work;

  private final String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final List<String> cleanup = new ArrayList<>();

  @Test
  void givenThePackagedJar_whenTheImageIsBuiltAndRun_thenItServesAsAnUnprivilegedUser()
      throws Exception {
    Path root = repositoryRoot();
    assertTrue(
        Files.exists(root.resolve("bootstrap/target/wfx.jar")), "the jar is packaged before this test");
    Path config = containersConf();
    String base = "localhost/wfx-test-base:" + tag;
    String image = "localhost/wfx-test:" + tag;
    String container = "wfx-test-" + tag;
    String database = "wfx_image_" + tag;
    try {
      long started = System.nanoTime();
      podman(config, "import", "--change", "ENV PATH=/opt/java/openjdk/bin:/usr/bin:/bin",
          baseImage().toString(), base);
      cleanup.add(base);
      podman(config, "build", "--format", "docker", "--build-arg", "BASE=" + base,
          "-f", root.resolve("deploy/Containerfile").toString(), "-t", image, root.toString());
      cleanup.add(0, image);
      long builtMillis = (System.nanoTime() - started) / 1_000_000;

      JsonObject imageConfig = savedConfig(config, image).getJsonObject("config");
      assertEquals("65532:65532", imageConfig.getString("User"));
      assertEquals(List.of("java", "-jar", "/opt/wfx/wfx.jar"), strings(imageConfig, "Entrypoint"));
      assertEquals(Set.of("8080/tcp"), imageConfig.getJsonObject("ExposedPorts").keySet());
      List<String> health = strings(imageConfig.getJsonObject("Healthcheck"), "Test");
      assertEquals("CMD", health.getFirst());
      assertEquals("dev.wfx.bootstrap.HealthProbe", health.getLast());
      assertTrue(strings(imageConfig, "Env").containsAll(List.of("WFX_HOST=0.0.0.0", "WFX_PORT=8080")));

      String testUrl = System.getenv().getOrDefault("WFX_TEST_DB_URL", "");
      Matcher server = JDBC_URL.matcher(testUrl);
      assertTrue(server.matches(), "the image runs against WFX_TEST_DB_URL, was '" + testUrl + "'");
      String user = System.getenv().getOrDefault("WFX_TEST_DB_USER", "postgres");
      String password = System.getenv().getOrDefault("WFX_TEST_DB_PASSWORD", "");
      sql(testUrl, user, password, "CREATE DATABASE " + database);
      int port = freePort();
      podman(config, "run", "-d", "--name", container, "--network=host",
          "-e", "WFX_PORT=" + port, "-e", "WFX_HOST=127.0.0.1",
          "-e", "WFX_DB_URL=jdbc:postgresql://" + server.group(1) + ":"
              + (server.group(2) == null ? "5432" : server.group(2)) + "/" + database,
          "-e", "WFX_DB_USER=" + user, "-e", "WFX_DB_PASSWORD=" + password,
          "-e", "WFX_BOOTSTRAP_ADMIN_KEY=" + ADMIN_KEY, image);
      cleanup.add(0, "container:" + container);

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String encodedId = "wf_4Zq8mV3nR2pL7xK9tB1cYd%2Fexec_7Hs2Kd9QmP4vX1nL8bZ3rT";
      URI execution = URI.create("http://127.0.0.1:" + port + "/workflow-executions/" + encodedId);
      long ready = awaitReady(http, port, config, container);
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(URI.create(execution + "/history?workspace_id=ws-image"))
                  .header("Authorization", "Bearer " + ADMIN_KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofFile(root.resolve("examples/tracecat-run.json")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> read =
          http.send(
              HttpRequest.newBuilder(execution).header("Authorization", "Bearer " + ADMIN_KEY).GET().build(),
              HttpResponse.BodyHandlers.ofString());

      assertEquals(201, posted.statusCode(), posted.body());
      assertEquals(200, read.statusCode(), read.body());
      assertEquals(17, json(read.body()).getInt("history_length"));
      assertEquals(0, podman(config, "healthcheck", "run", container).status(), "the health check passes");
      long pid = Long.parseLong(podman(config, "inspect", "--format", "{{.State.Pid}}", container).output().strip());
      String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
      Matcher uid = Pattern.compile("(?m)^Uid:\\s+([0-9]+)").matcher(status);
      assertTrue(uid.find());
      assertEquals("65532", uid.group(1), "wfx runs as the image's user, not root");
      System.out.printf("IMAGE built_ms=%d ready_ms=%d uid=%s%n", builtMillis, ready, uid.group(1));
    } finally {
      for (String leftover : cleanup) {
        if (leftover.startsWith("container:")) {
          podman(config, "rm", "-f", leftover.substring("container:".length()));
        } else {
          podman(config, "rmi", "-f", leftover);
        }
      }
      String testUrl = System.getenv().getOrDefault("WFX_TEST_DB_URL", "");
      if (!testUrl.isBlank()) {
        sql(
            testUrl,
            System.getenv().getOrDefault("WFX_TEST_DB_USER", "postgres"),
            System.getenv().getOrDefault("WFX_TEST_DB_PASSWORD", ""),
            "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  /** Milliseconds until the container's wfx is ready. */
  private long awaitReady(HttpClient http, int port, Path config, String container)
      throws Exception {
    long started = System.nanoTime();
    long deadline = started + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return (System.nanoTime() - started) / 1_000_000;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the container was not ready within 120 s:\n" + podman(config, "logs", container).output());
  }

  /**
   * A base image of the test JVM's runtime: jlink's modules wfx needs, the C libraries they link
   * (as ldd finds them), and a world-writable /tmp, as a root file system tar for podman import.
   */
  private Path baseImage() throws Exception {
    Path rootfs = work.resolve("rootfs");
    Path java = rootfs.resolve("opt/java/openjdk");
    Files.createDirectories(java.getParent());
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    run(List.of(jlink.toString(), "--add-modules",
        "java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.net",
        "--strip-debug", "--no-man-pages", "--no-header-files", "--output", java.toString()));
    Set<String> libraries = new LinkedHashSet<>();
    List<Path> binaries = new ArrayList<>(List.of(java.resolve("bin/java")));
    try (Stream<Path> files = Files.walk(java.resolve("lib"))) {
      files.filter(file -> file.toString().endsWith(".so")).forEach(binaries::add);
    }
    Pattern linked = Pattern.compile("(/[^ ]+\\.so[^ ]*) \\(0x");
    for (Path binary : binaries) {
      Matcher library = linked.matcher(run(List.of("ldd", binary.toString())));
      while (library.find()) {
        libraries.add(library.group(1));
      }
    }
    for (String library : libraries) {
      if (library.startsWith(java.toString())) {
        continue;
      }
      Path target = rootfs.resolve(library.substring(1));
      Files.createDirectories(target.getParent());
      // The real file under the name the loader asks for (ldd names symlinks).
      Files.copy(Path.of(library).toRealPath(), target);
    }
    Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
    run(List.of("chmod", "1777", tmp.toString()));
    Path tar = work.resolve("rootfs.tar");
    run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
    return tar;
  }

  /** The image's config JSON, read from {@code podman save}'s archive as a registry would hold it. */
  private JsonObject savedConfig(Path config, String image) throws Exception {
    Path archive = work.resolve("image.tar");
    podman(config, "save", "--format", "docker-archive", "-o", archive.toString(), image);
    Path unpacked = Files.createDirectories(work.resolve("image"));
    run(List.of("tar", "-C", unpacked.toString(), "-xf", archive.toString(), "manifest.json"));
    String configFile =
        json("{\"m\":" + Files.readString(unpacked.resolve("manifest.json")) + "}")
            .getJsonArray("m")
            .getJsonObject(0)
            .getString("Config");
    run(List.of("tar", "-C", unpacked.toString(), "-xf", archive.toString(), configFile));
    return json(Files.readString(unpacked.resolve(configFile)));
  }

  /**
   * podman's settings for this machine: a VM that may not change resource limits and has hybrid
   * cgroups, where runc runs containers and crun cannot.
   */
  private Path containersConf() throws IOException {
    Path conf = work.resolve("containers.conf");
    Files.writeString(conf, "[containers]\ndefault_ulimits = []\n[engine]\nruntime = \"runc\"\n");
    return conf;
  }

  private record Result(int status, String output) {}

  private Result podman(Path config, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(executable("podman")));
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile(work, "podman", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("CONTAINERS_CONF", config.toString());
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("podman " + String.join(" ", arguments) + " did not end");
    }
    String text = Files.readString(output);
    boolean mayFail = arguments[0].equals("healthcheck") || arguments[0].equals("rm") || arguments[0].equals("rmi");
    if (process.exitValue() != 0 && !mayFail) {
      throw new AssertionError("podman " + String.join(" ", arguments) + " failed:\n" + text);
    }
    return new Result(process.exitValue(), text);
  }

  private String run(List<String> command) throws Exception {
    Path output = Files.createTempFile(work, "run", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    int status = process.waitFor();
    String text = Files.readString(output);
    assertEquals(0, status, String.join(" ", command) + ":\n" + text);
    return text;
  }

  private static String executable(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name).toString();
      }
    }
    throw new IllegalStateException(
        name + " is not installed: the image test builds and runs the image with it"
            + " (apt-get install podman runc; .ci/run installs them)");
  }

  private static List<String> strings(JsonObject object, String name) {
    return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static void sql(String url, String user, String password, String statement)
      throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    try (Connection connection = DriverManager.getConnection(url, credentials);
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      if (Files.exists(dir.resolve("deploy/Containerfile"))) {
        return dir;
      }
    }
    throw new AssertionError("no deploy/Containerfile above " + System.getProperty("user.dir"));
  }
}
