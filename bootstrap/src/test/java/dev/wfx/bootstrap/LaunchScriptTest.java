package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/wfx rebuilds the jar when, and only when, something that goes into it changed. */
class LaunchScriptTest {

  /** Surefire runs in the module directory, bootstrap/. */
  private static final Path SCRIPT = Path.of("..", "bin", "wfx").toAbsolutePath().normalize();

  private static final Instant BUILT = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant BEFORE = BUILT.minusSeconds(3600);
  private static final Instant AFTER = BUILT.plusSeconds(3600);

  private static final String PARENT_POM =
      """
      <project>
        <modules>
          <module>domain</module>
          <module>bootstrap</module>
        </modules>
        <profiles>
          <profile>
            <id>bench</id>
            <modules>
              <module>benchmarks</module>
            </modules>
          </profile>
        </profiles>
      </project>
      """;

  @TempDir Path checkout;
  private Path jar;

  @BeforeEach
  void aCheckoutBuiltAfterItsSourcesThenBuiltAgainInItsBenchmarksAndTargets() throws IOException {
    write("pom.xml", PARENT_POM, BEFORE);
    write("domain/pom.xml", "<project/>", BEFORE);
    write("domain/src/main/java/dev/wfx/domain/Id.java", "class Id {}", BEFORE);
    write("bootstrap/pom.xml", "<project/>", BEFORE);
    write("bootstrap/src/main/resources/application.yaml", "wfx: {}", BEFORE);
    jar = write("bootstrap/target/wfx.jar", "", BUILT);
    // Newer than the jar, and none of it goes into the jar.
    write("benchmarks/pom.xml", "<project/>", AFTER);
    write("benchmarks/src/main/java/Load.java", "class Load {}", AFTER);
    write("benchmarks/target/generated-sources/annotations/Load_jmh.java", "class J {}", AFTER);
    write("domain/target/generated-sources/annotations/Generated.java", "class G {}", AFTER);
    write("domain/src/test/java/dev/wfx/domain/IdTest.java", "class IdTest {}", AFTER);
    write("data/postgres/postgresql.conf", "", AFTER);
  }

  @Test
  void givenOnlyTestsBenchmarksTargetsAndDataChangedSinceTheBuild_thenNothingIsNewer() throws Exception {
    assertEquals("", newerSource());
  }

  @Test
  void givenAMainSourceOfAModuleInTheJarChanged_thenItIsNewer() throws Exception {
    Path changed = write("domain/src/main/java/dev/wfx/domain/Id.java", "class Id { }", AFTER);

    assertEquals(changed.toString(), newerSource());
  }

  @Test
  void givenAResourceChanged_thenItIsNewer() throws Exception {
    Path changed = write("bootstrap/src/main/resources/application.yaml", "wfx: {a: 1}", AFTER);

    assertEquals(changed.toString(), newerSource());
  }

  @Test
  void givenAPomOfTheBuildChanged_thenItIsNewer() throws Exception {
    Path changed = write("bootstrap/pom.xml", "<project></project>", AFTER);

    assertEquals(changed.toString(), newerSource());
  }

  private String newerSource() throws Exception {
    Process bash =
        new ProcessBuilder(
                "bash", "-c", ". \"$1\" && wfx_newer_source \"$2\" \"$3\"", "test", SCRIPT.toString(),
                checkout.toString(), jar.toString())
            .redirectErrorStream(true)
            .start();
    String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, bash.exitValue(), printed);
    return printed.strip();
  }

  private Path write(String file, String content, Instant modified) throws IOException {
    Path path = checkout.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    Files.setLastModifiedTime(path, FileTime.from(modified));
    return path;
  }
}
