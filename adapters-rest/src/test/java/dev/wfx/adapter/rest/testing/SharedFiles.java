package dev.wfx.adapter.rest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test fixture: the project's {@code ../shared} folder (spec, schema, real histories): the one
 * {@code WFX_SHARED_DIR} names, else the first found walking up from the working directory; its
 * absence fails the test rather than skipping it.
 */
public final class SharedFiles {

  private SharedFiles() {}

  public static Path root() {
    String named = System.getenv("WFX_SHARED_DIR");
    if (named != null && !named.isBlank()) {
      Path candidate = Path.of(named);
      if (!Files.isDirectory(candidate.resolve("spec"))) {
        throw new AssertionError("WFX_SHARED_DIR=" + named + " has no spec folder");
      }
      return candidate;
    }
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("spec"))) {
        return candidate;
      }
    }
    throw new AssertionError("no shared/spec folder above " + start + "; the contract tests need it");
  }

  public static Path schema() {
    return root().resolve("spec/workflow-execution.schema.json");
  }

  public static Path history(String name) {
    return root().resolve("data/temporal-histories").resolve(name);
  }

  public static List<Path> histories() {
    try (Stream<Path> files = Files.list(root().resolve("data/temporal-histories"))) {
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
