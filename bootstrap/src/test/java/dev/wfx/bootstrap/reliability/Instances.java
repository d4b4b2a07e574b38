package dev.wfx.bootstrap.reliability;

import dev.wfx.adapter.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Test fixture: several wfx processes on one database, each its own JVM with its own caches and
 * key listener, as behind a load balancer; the test spreads its requests over them.
 */
final class Instances implements AutoCloseable {

  private final List<ServiceProcess> processes;

  private Instances(List<ServiceProcess> processes) {
    this.processes = processes;
  }

  /** Starts {@code count} services on the database at once, each logging to its own file. */
  static Instances start(int count, DatabaseSettings database, Path logDirectory) {
    List<CompletableFuture<ServiceProcess>> starting =
        IntStream.range(0, count)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          int port = Services.freePort();
                          return ServiceProcess.start(
                              database, port, logDirectory.resolve("wfx-" + i + ".log"));
                        }))
            .toList();
    List<ServiceProcess> started = new ArrayList<>();
    RuntimeException failed = null;
    for (CompletableFuture<ServiceProcess> process : starting) {
      try {
        started.add(process.join());
      } catch (RuntimeException e) {
        failed = e;
      }
    }
    if (failed != null) {
      started.forEach(ServiceProcess::close);
      throw failed;
    }
    return new Instances(started);
  }

  /** A client of each instance, in order, with this key. */
  List<Api> apis(String key) {
    return processes.stream().map(process -> new Api(process.port, key)).toList();
  }

  ServiceProcess process(int index) {
    return processes.get(index);
  }

  int count() {
    return processes.size();
  }

  @Override
  public void close() {
    processes.forEach(ServiceProcess::close);
  }
}
