package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container files read as a container engine would, without one: {@code deploy/Containerfile}
 * runs wfx.jar as it is packaged, as a user without privileges, with a health check wfx.jar holds;
 * {@code deploy/compose.yaml} wires wfx to its PostgreSQL with variables wfx knows.
 * ({@code ContainerImageIT} builds and runs the image with podman.)
 */
class ContainerFilesTest {

  private static final Path ROOT = repositoryRoot();

  @Test
  void givenTheContainerfile_thenItRunsThePackagedJarAsAnUnprivilegedUserWithAHealthCheck()
      throws Exception {
    List<String> instructions = instructions(ROOT.resolve("deploy/Containerfile"));

    assertTrue(instructions.contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/wfx/wfx.jar\"]"), instructions.toString());
    assertTrue(instructions.contains("EXPOSE 8080"));
    assertTrue(instructions.contains("COPY bootstrap/target/wfx.jar /opt/wfx/wfx.jar"));
    assertTrue(instructions.contains("COPY bootstrap/target/libs/ /opt/wfx/libs/"));
    Matcher user =
        Pattern.compile("USER ([0-9]+):([0-9]+)")
            .matcher(only(instructions, "USER "));
    assertTrue(user.matches(), "a numeric user, which needs no /etc/passwd entry");
    assertNotEquals("0", user.group(1), "not root");
    String health = only(instructions, "HEALTHCHECK ");
    assertTrue(health.contains("CMD [\"java\""), health);
    assertTrue(health.endsWith("\"" + HealthProbe.class.getName() + "\"]"), health);
    for (String variable : environmentNames(only(instructions, "ENV "))) {
      assertTrue(WfxConfig.ENVIRONMENT_KEYS.containsKey(variable), variable + " is no wfx variable");
    }
  }

  @Test
  void givenTheComposeFile_thenWfxWaitsForItsPostgresAndIsConfiguredByWfxVariables()
      throws IOException {
    Map<String, Object> compose = yaml(ROOT.resolve("deploy/compose.yaml"));
    Map<String, Object> services = map(compose.get("services"));
    Map<String, Object> wfx = map(services.get("wfx"));
    Map<String, Object> environment = map(wfx.get("environment"));

    for (String variable : environment.keySet()) {
      assertTrue(WfxConfig.ENVIRONMENT_KEYS.containsKey(variable), variable + " is no wfx variable");
    }
    Matcher url =
        Pattern.compile("jdbc:postgresql://([a-z]+):5432/wfx")
            .matcher(String.valueOf(environment.get("WFX_DB_URL")));
    assertTrue(url.matches(), "WFX_DB_URL: " + environment.get("WFX_DB_URL"));
    String database = url.group(1);
    assertTrue(services.containsKey(database), "the database is a service of the file");
    assertEquals(
        "service_healthy", map(map(wfx.get("depends_on")).get(database)).get("condition"));
    assertTrue(map(services.get(database)).containsKey("healthcheck"));
    Map<String, Object> build = map(wfx.get("build"));
    Path context = ROOT.resolve("deploy").resolve(String.valueOf(build.get("context"))).normalize();
    assertEquals(ROOT, context);
    assertTrue(Files.exists(context.resolve(String.valueOf(build.get("dockerfile")))));
    assertEquals(List.of("8080:8080"), wfx.get("ports"));
    Duration stopGrace = Duration.parse("PT" + String.valueOf(wfx.get("stop_grace_period")).toUpperCase());
    assertTrue(
        stopGrace.compareTo(Duration.ofSeconds(10)) > 0,
        "the engine waits longer than wfx's shutdown grace before it kills");
  }

  /** The instructions of a Containerfile, continuation lines joined, comments dropped. */
  private static List<String> instructions(Path file) throws IOException {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      instructions.add(current.toString().replaceAll("\\s+", " ").strip());
      current.setLength(0);
    }
    return instructions;
  }

  private static String only(List<String> instructions, String prefix) {
    List<String> found = instructions.stream().filter(i -> i.startsWith(prefix)).toList();
    assertEquals(1, found.size(), "one " + prefix.strip() + ": " + found);
    return found.getFirst();
  }

  private static List<String> environmentNames(String env) {
    List<String> names = new ArrayList<>();
    Matcher assignment = Pattern.compile("([A-Z_]+)=").matcher(env);
    while (assignment.find()) {
      names.add(assignment.group(1));
    }
    assertTrue(!names.isEmpty(), env);
    return names;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    assertTrue(node instanceof Map, "a mapping: " + node);
    return (Map<String, Object>) node;
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new Yaml().load(reader);
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
