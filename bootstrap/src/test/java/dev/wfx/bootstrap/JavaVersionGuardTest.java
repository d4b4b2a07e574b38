package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The jar's Main-Class: one clear line on a Java older than 21, {@link Main} on a newer one. */
class JavaVersionGuardTest {

  /** Java 8's class file version: every JVM still in use loads it. */
  private static final int JAVA_8_CLASS_FILE = 52;

  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(1\\.)?(\\d+)");

  /** What a child JVM printed, and its exit status. */
  private record Run(int status, String out, String err) {}

  @ParameterizedTest
  @ValueSource(strings = {"1.8", "11", "17", "20"})
  void givenAJavaOlderThan21_thenTheRefusalNamesTheNeededJavaAndJavaHomeInOneLine(String version) {
    String refusal = JavaVersionGuard.refusal(version, "/usr/lib/jvm/old");

    assertAll(
        () -> assertTrue(refusal.startsWith("wfx needs Java 21 or newer"), refusal),
        () -> assertTrue(refusal.contains("Java " + version + " (/usr/lib/jvm/old)"), refusal),
        () -> assertTrue(refusal.contains("JAVA_HOME"), refusal),
        () -> assertEquals(1, refusal.lines().count(), refusal));
  }

  @ParameterizedTest
  @ValueSource(strings = {"21", "25", "26-ea", "not a version", ""})
  void givenJava21OrNewerOrAnUnreadableVersion_thenNothingIsRefused(String version) {
    assertNull(JavaVersionGuard.refusal(version, "/usr/lib/jvm/new"));
  }

  @Test
  void givenTheBuild_thenTheGuardIsAJava8ClassFileThatAnyJvmLoads() throws IOException {
    assertTrue(guardClassFileVersion() <= JAVA_8_CLASS_FILE, "class file " + guardClassFileVersion());
  }

  @Test
  void givenTheJavasOlderThan21OnThisMachine_whenTheGuardStarts_thenEachPrintsOneLineAndExits1()
      throws Exception {
    List<Path> oldJavas = javasOlderThan21();
    if (oldJavas.isEmpty()) {
      // No old Java to run it with here: that it loads on one is what the class file version says.
      assertTrue(guardClassFileVersion() <= JAVA_8_CLASS_FILE, "class file " + guardClassFileVersion());
    }
    for (Path java : oldJavas) {
      Run run = run(java, classesDirectory().toString(), "--version");

      assertAll(
          java.toString(),
          () -> assertEquals(JavaVersionGuard.TOO_OLD, run.status(), run.err()),
          () -> assertEquals("", run.out()),
          () -> assertEquals(1, run.err().lines().count(), run.err()),
          () -> assertTrue(run.err().startsWith("wfx needs Java 21 or newer"), run.err()));
    }
  }

  @Test
  void givenThisJava_whenTheGuardStarts_thenMainRunsTheCommand() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    Run run = run(java, System.getProperty("java.class.path"), "--version");

    assertAll(
        () -> assertEquals(0, run.status(), run.err()),
        () -> assertEquals("wfx " + Main.version(), run.out().strip()),
        () -> assertEquals("", run.err()));
  }

  private static Run run(Path java, String classPath, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath));
    command.add(JavaVersionGuard.class.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("guard", ".out");
    Path err = Files.createTempFile("guard", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The java of each JDK or JRE under /usr/lib/jvm whose release file says it is older than 21. */
  private static List<Path> javasOlderThan21() throws IOException {
    Path installed = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(installed)) {
      return List.of();
    }
    try (Stream<Path> homes = Files.list(installed)) {
      return homes
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(home -> major(home).filter(major -> major < 21).isPresent())
          .map(home -> realPath(home.resolve("bin/java")))
          .distinct()
          .toList();
    }
  }

  /** Distributions link one JDK under several names; each is run once. */
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }

  private static Optional<Integer> major(Path javaHome) {
    try {
      Matcher version = JAVA_VERSION.matcher(Files.readString(javaHome.resolve("release")));
      return version.find() ? Optional.of(Integer.parseInt(version.group(2))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path classesDirectory() throws Exception {
    return Path.of(JavaVersionGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static int guardClassFileVersion() throws IOException {
    try (InputStream file = JavaVersionGuard.class.getResourceAsStream("JavaVersionGuard.class");
        DataInputStream classFile = new DataInputStream(file)) {
      classFile.readInt(); // magic
      classFile.readUnsignedShort(); // minor version
      return classFile.readUnsignedShort();
    }
  }
}
