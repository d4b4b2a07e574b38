package dev.wfx.adapter.rest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Test fixture: the repository's own files the tests read — the document's JSON Schema in {@code
 * docs/} and the real Temporal histories in {@code testdata/} — found by walking up from the
 * module being tested; and, where the development layout has one, the origin's {@code ../shared}
 * folder that the drift check compares them with.
 */
public final class TestData {

  private static final String SCHEMA = "docs/workflow-execution.schema.json";
  private static final String HISTORIES = "testdata/temporal-histories";

  private TestData() {}

  /** The repository's root: the first folder above the working directory holding the schema. */
  public static Path repository() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCHEMA))) {
        return dir;
      }
    }
    throw new AssertionError("no " + SCHEMA + " above " + start + "; run the tests inside the repository");
  }

  public static Path schema() {
    return repository().resolve(SCHEMA);
  }

  public static Path history(String name) {
    return historyFolder().resolve(name);
  }

  public static Path historyFolder() {
    return repository().resolve(HISTORIES);
  }

  public static List<Path> histories() {
    return jsonFiles(historyFolder());
  }

  /**
   * The origin's {@code shared} folder (spec, schema, histories): the one {@code WFX_SHARED_DIR}
   * names, else a {@code shared} beside the repository; empty in a clone standing on its own.
   */
  public static Optional<Path> shared() {
    String named = System.getenv("WFX_SHARED_DIR");
    Path candidate =
        named != null && !named.isBlank()
            ? Path.of(named)
            : repository().resolveSibling("shared");
    if (named != null && !named.isBlank() && !Files.isDirectory(candidate.resolve("spec"))) {
      throw new AssertionError("WFX_SHARED_DIR=" + named + " has no spec folder");
    }
    return Files.isDirectory(candidate.resolve("spec")) ? Optional.of(candidate) : Optional.empty();
  }

  public static List<Path> jsonFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
