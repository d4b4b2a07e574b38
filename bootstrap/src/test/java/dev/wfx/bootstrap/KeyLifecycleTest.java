package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.bootstrap.adversarial.RawHttp;
import dev.wfx.bootstrap.adversarial.SeededService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key lifecycle through the launcher, against the running service: a created key works, the
 * listing shows no secret, and a revoked key is refused at once.
 */
class KeyLifecycleTest {

  private static final SeededService SERVICE = SeededService.get();

  @Test
  void givenAKeyCreatedWithTheLauncher_whenListedAndRevoked_thenItIsRefusedAtOnce() {
    String created = run("keys", "create", "--workspace", "ws-a", "--type", "service");
    List<String> lines = created.lines().toList();
    String secret = lines.getLast();
    String id = lines.getFirst().replaceAll(".* key ([a-z0-9]+) for workspace.*", "$1");

    assertEquals(404, read(secret), "a valid key reads: a missing execution is 404, not 401");
    String listed = run("keys", "list");
    assertTrue(listed.contains(id), listed);
    assertFalse(listed.contains(secret), "the listing shows no secret");

    run("keys", "revoke", id);

    assertEquals(401, read(secret));
  }

  @Test
  void givenAKeyInUse_thenTheMetricsShowLookupsServedFromMemory() throws InterruptedException {
    String secret =
        run("keys", "create", "--workspace", "ws-a", "--type", "user").lines().toList().getLast();

    assertEquals(404, read(secret));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (cacheInUse() != 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertEquals(1, cacheInUse(), "wfx_api_key_cache_in_use");
  }

  /** The gauge's value, -1 when it is not published. */
  private static double cacheInUse() {
    Matcher gauge =
        Pattern.compile("(?m)^wfx_api_key_cache_in_use(\\{[^}]*\\})? ([0-9.]+)$")
            .matcher(
                RawHttp.send(SERVICE.port(), "GET", "/observe/metrics", List.of(), null).text());
    return gauge.find() ? Double.parseDouble(gauge.group(2)) : -1;
  }

  private static int read(String key) {
    return RawHttp.send(
            SERVICE.port(),
            "GET",
            "/workflow-executions/order-never-stored",
            List.of("Authorization: Bearer " + key),
            null)
        .status();
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            List.of(args),
            SERVICE.config(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
