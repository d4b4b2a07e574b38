package dev.wfx.bootstrap.reliability;

import dev.wfx.adapter.persistence.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: wfx as its own JVM ({@code dev.wfx.bootstrap.Main} on the test class path), to be
 * killed or terminated as an operator or the kernel would.
 */
final class ServiceProcess implements AutoCloseable {

  private final Process process;
  final int port;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the service on the database and waits until it is ready. */
  static ServiceProcess start(DatabaseSettings database, int port, Path log) {
    return start(Services.settings(database, port), port, log);
  }

  /** Starts the service with these configuration keys and waits until it is ready. */
  static ServiceProcess start(Map<String, String> settings, int port, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      command.add("-D" + setting.getKey() + "=" + setting.getValue());
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.wfx.bootstrap.Main");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The child reads its settings from the -D properties only.
    builder.environment().keySet().removeIf(name -> name.startsWith("WFX_"));
    try {
      ServiceProcess service = new ServiceProcess(builder.start(), port);
      try {
        service.awaitReady(Duration.ofSeconds(60));
      } catch (IllegalStateException notReady) {
        throw new IllegalStateException(notReady.getMessage() + "; its output ends:\n" + tail(log), notReady);
      }
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start wfx", e);
    }
  }

  /** The last lines the process wrote, for the message of a failed start. */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private void awaitReady(Duration within) {
    Api api = new Api(port, Services.ADMIN_KEY);
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("wfx exited with " + process.exitValue());
      }
      if (api.path("/observe/health/ready").status() == 200) {
        return;
      }
      sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("wfx was not ready within " + within);
  }

  /** kill -9: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the process to end; its exit status. */
  int terminate(Duration within) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("wfx did not stop within " + within + " of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
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
