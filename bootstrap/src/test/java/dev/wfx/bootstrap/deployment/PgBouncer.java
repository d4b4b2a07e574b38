package dev.wfx.bootstrap.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: a real {@code pgbouncer} (Debian's package) in a temporary directory, on a free port
 * of 127.0.0.1, in front of one database of the test server; {@link #url()} reaches that database
 * through it. Missing pgbouncer fails the test: it is never skipped.
 */
public final class PgBouncer implements AutoCloseable {

  /** PgBouncer's {@code pool_mode}. */
  public enum Mode {
    SESSION,
    TRANSACTION;

    String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a system property names ({@code session}, {@code transaction}), if any. */
    public static Mode named(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
  }

  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^:/?]+)(?::([0-9]+))?/([^?]+)(\\?.*)?");
  private static final List<Path> KNOWN_PLACES =
      List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));
  private static final String ALIAS = "wfx";

  private final Process process;
  private final Path directory;
  private final int port;
  private final Mode mode;

  private PgBouncer(Process process, Path directory, int port, Mode mode) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.mode = mode;
  }

  /**
   * Starts pgbouncer in front of the database {@code directUrl} names, with these credentials; its
   * server sessions start in {@code schema}, as wfx's own sessions do (a transaction pooler hands a
   * transaction to any of them, so the search path must be set on each, not by one client).
   */
  public static PgBouncer start(
      String directUrl, String user, String password, String schema, Mode mode) {
    Matcher url = JDBC_URL.matcher(directUrl);
    if (!url.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + directUrl);
    }
    Path executable = executable();
    try {
      Path directory = Files.createTempDirectory("wfx-pgbouncer");
      int port = freePort();
      Path users = directory.resolve("users.txt");
      Files.writeString(users, quoted(user) + " " + quoted(password) + "\n");
      Path config = directory.resolve("pgbouncer.ini");
      Files.writeString(
          config,
          String.join(
              "\n",
              "[databases]",
              ALIAS
                  + " = host="
                  + url.group(1)
                  + " port="
                  + (url.group(2) == null ? "5432" : url.group(2))
                  + " dbname="
                  + url.group(3)
                  + " connect_query='SET search_path TO "
                  + schema
                  + "'",
              "[pgbouncer]",
              "listen_addr = 127.0.0.1",
              "listen_port = " + port,
              "unix_socket_dir =",
              // The test's own loopback clients; towards the server the password in users.txt.
              "auth_type = trust",
              "auth_file = " + users,
              "pool_mode = " + mode.configValue(),
              "max_client_conn = 400",
              "default_pool_size = 40",
              // The JDBC driver sends it at every start; pgbouncer refuses what it does not know.
              "ignore_startup_parameters = extra_float_digits",
              ""));
      // pgbouncer refuses to run as root; it then runs as nobody, who must read its files.
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
      }
      List<String> command = new ArrayList<>(List.of(executable.toString()));
      if (root) {
        command.addAll(List.of("-u", "nobody"));
      }
      command.add(config.toString());
      Path log = directory.resolve("pgbouncer.log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      // A fixture a failed test never closes still ends with the test JVM.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      PgBouncer bouncer = new PgBouncer(process, directory, port, mode);
      bouncer.awaitListening(Duration.ofSeconds(10));
      return bouncer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start pgbouncer", e);
    }
  }

  private static Path executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pgbouncer"))) {
        return Path.of(dir, "pgbouncer");
      }
    }
    return KNOWN_PLACES.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "pgbouncer is not installed: these tests run wfx through a real one"
                        + " (apt-get install pgbouncer; .ci/run installs it)"));
  }

  /** The JDBC URL of the database through pgbouncer. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + ALIAS;
  }

  public Mode mode() {
    return mode;
  }

  /** What pgbouncer logged so far. */
  public String log() {
    try {
      return Files.readString(directory.resolve("pgbouncer.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitListening(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "pgbouncer exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    close();
    throw new IllegalStateException("pgbouncer did not listen within " + within + ":\n" + log());
  }

  /** Stops pgbouncer (SIGTERM, SIGKILL after 5 s) and deletes its directory. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind harms nothing.
    }
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
