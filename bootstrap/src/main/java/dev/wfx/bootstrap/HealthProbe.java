package dev.wfx.bootstrap;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container image's health check: asks the wfx in the same container whether it is ready
 * ({@code /observe/health/ready} on 127.0.0.1 and {@code WFX_PORT}) and exits 0 when it answers
 * 200, else 1. It uses the JDK only, so the image needs no curl, and it starts in a fraction of a
 * second with wfx.jar alone on the class path.
 */
public final class HealthProbe {

  static final int TIMEOUT_MILLIS = 3_000;

  private HealthProbe() {}

  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("WFX_PORT", "8080");
    boolean ready = isReady(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"));
    System.out.println(ready ? "wfx is ready" : "wfx is not ready");
    System.exit(ready ? 0 : 1);
  }

  /** Whether the readiness route answers 200 within the timeout. */
  static boolean isReady(URI readiness) {
    try {
      HttpURLConnection connection = (HttpURLConnection) readiness.toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      try {
        return connection.getResponseCode() == 200;
      } finally {
        connection.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
