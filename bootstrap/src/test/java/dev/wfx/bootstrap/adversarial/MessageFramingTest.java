package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.bootstrap.RunningService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 framing and the end of a connection (RFC 9112 §7.1, §9.6, issue #12): chunk data not
 * followed by CRLF is refused and ends the connection, so nothing a lenient front end passed along
 * behind it is taken for a request; a request or an answer with {@code Connection: close} ends the
 * connection as soon as the answer is out, not at the idle check.
 */
class MessageFramingTest {

  private static final SeededService SERVICE = SeededService.get();
  private static final Tally TALLY = Tally.of("framing");
  private static final String ADMIN_KEY = "framing-admin-key-0123456789abcdef";
  /**
   * The default request head timeout (10 s), so that the idle check cannot be what closes a
   * connection within the second these tests allow; few connections, beside the suite's service.
   */
  private static final RunningService DEFAULTS =
      RunningService.with().adminKey(ADMIN_KEY).poolSize(2).start();
  private static final long EOF_WITHIN_MILLIS = 1_000;

  @AfterAll
  static void stop() {
    DEFAULTS.close();
  }

  @Test
  void givenChunkDataFollowedByXxInsteadOfCrlf_whenPosted_thenItIs400AndTheBytesBehindItAreNoRequest()
      throws IOException {
    String id = Histories.tracecatId();
    byte[] history = Histories.closedHistory("framing").getBytes(StandardCharsets.UTF_8);
    String smuggled =
        "GET " + SeededService.path(SERVICE.executionA) + " HTTP/1.1\r\nHost: x\r\n"
            + "Authorization: Bearer " + SERVICE.userA + "\r\n\r\n";
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        ("POST " + SeededService.path(id) + "/history HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + SERVICE.serviceA + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(history.length) + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    request.writeBytes(history);
    request.writeBytes(("XX0\r\n\r\n" + smuggled).getBytes(StandardCharsets.ISO_8859_1));

    try (Socket socket = connect(SERVICE.port())) {
      socket.getOutputStream().write(request.toByteArray());
      InputStream in = socket.getInputStream();
      RawHttp.Response response = SERVICE.clean(TALLY, RawHttp.read(in));

      assertEquals(400, response.status(), response::comparable);
      assertTrue(response.text().contains("CRLF"), response::comparable);
      assertEquals("", restUntilClosed(in), "the bytes behind the bad chunk were answered");
    }
    assertEquals(404, SERVICE.get(SeededService.path(id), SERVICE.adminA).status());
  }

  @Test
  void givenABodyInSeveralChunks_whenPostedOnAKeptConnection_thenItIsTakenAndTheNextRequestServed()
      throws IOException {
    String id = Histories.tracecatId();
    byte[] history = Histories.closedHistory("framing").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        ("POST " + SeededService.path(id) + "/history HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + SERVICE.serviceA + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    for (int from = 0; from < history.length; from += 100) {
      int length = Math.min(100, history.length - from);
      request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      request.write(history, from, length);
      request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    request.writeBytes(
        ("0\r\n\r\nGET " + SeededService.path(id) + " HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + SERVICE.adminA + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));

    try (Socket socket = connect(SERVICE.port())) {
      socket.getOutputStream().write(request.toByteArray());
      InputStream in = socket.getInputStream();
      RawHttp.Response created = SERVICE.clean(TALLY, RawHttp.read(in));
      RawHttp.Response read = SERVICE.clean(TALLY, RawHttp.read(in));

      assertEquals(201, created.status(), created::comparable);
      assertEquals(200, read.status(), read::comparable);
    }
  }

  @Test
  void givenConnectionClose_whenAnsweredWithOrWithoutARequestBody_thenTheConnectionEndsRightAfter()
      throws IOException {
    String closed = Histories.tracecatId();
    String history = Histories.closedHistory("framing");
    String admin = "Authorization: Bearer " + ADMIN_KEY;
    String json = "Content-Type: application/json";
    assertEquals(201, post(closed, List.of(admin, json), history).status());
    byte[] body = history.getBytes(StandardCharsets.UTF_8);
    String executionPath = SeededService.path(closed);
    List<Exchange> exchanges =
        List.of(
            new Exchange(200, "GET", executionPath, List.of(admin), null),
            new Exchange(404, "GET", "/nowhere", List.of(admin), null),
            new Exchange(401, "GET", executionPath, List.of(), null),
            // The same closed history again: read whole, and all of it duplicates.
            new Exchange(200, "POST", executionPath + "/history", List.of(admin, json), body),
            new Exchange(404, "POST", "/nowhere", List.of(admin, json), body),
            new Exchange(401, "POST", executionPath + "/history", List.of(json), body));

    for (Exchange exchange : exchanges) {
      try (Socket socket = connect(DEFAULTS.port())) {
        socket.getOutputStream()
            .write(RawHttp.request(exchange.method, exchange.target, exchange.headers, exchange.body));
        InputStream in = socket.getInputStream();
        RawHttp.Response response = RawHttp.read(in);
        long answered = System.nanoTime();

        String rest = restUntilClosed(in);

        long millis = (System.nanoTime() - answered) / 1_000_000;
        System.out.println("CONNECTION-CLOSE " + exchange + ": ended " + millis + " ms after the answer");
        TALLY.count(response.status());
        assertEquals(exchange.status, response.status(), exchange + ": " + response.comparable());
        assertEquals("close", response.header("connection"), exchange.toString());
        assertEquals("", rest, exchange.toString());
        assertTrue(millis < EOF_WITHIN_MILLIS, exchange + ": the connection ended " + millis + " ms after the answer");
      }
    }
  }

  @Test
  void givenARequestPipelinedBehindConnectionClose_whenSent_thenOnlyTheFirstIsAnswered()
      throws IOException {
    String health = "GET /observe/health HTTP/1.1\r\nHost: x\r\n";
    byte[] requests =
        (health + "Connection: close\r\n\r\n" + health + "\r\n").getBytes(StandardCharsets.ISO_8859_1);

    try (Socket socket = connect(DEFAULTS.port())) {
      socket.getOutputStream().write(requests);
      InputStream in = socket.getInputStream();
      RawHttp.Response first = RawHttp.read(in);
      TALLY.count(first.status());

      assertEquals(200, first.status(), first::comparable);
      assertEquals("", restUntilClosed(in), "a request behind Connection: close was answered");
    }
  }

  @Test
  void givenNoConnectionClose_whenAnswered_thenTheConnectionServesTheNextRequest()
      throws IOException {
    String post =
        "POST " + SeededService.path(Histories.tracecatId()) + "/history HTTP/1.1\r\nHost: x\r\n"
            + "Authorization: Bearer " + ADMIN_KEY + "\r\nContent-Type: text/plain\r\n";
    List<String> requests =
        List.of(
            "GET /observe/health HTTP/1.1\r\nHost: x\r\n\r\n",
            // Refused (415) before the body is read: the server reads past it, two bytes at a time.
            post + "Content-Length: 2\r\n\r\n{}",
            post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n",
            "GET /observe/health HTTP/1.1\r\nHost: x\r\n\r\n");
    List<Integer> expected = List.of(200, 415, 415, 200);

    try (Socket socket = connect(DEFAULTS.port())) {
      for (int i = 0; i < requests.size(); i++) {
        socket.getOutputStream().write(requests.get(i).getBytes(StandardCharsets.ISO_8859_1));
        RawHttp.Response response = RawHttp.read(socket.getInputStream());
        TALLY.count(response.status());
        assertEquals(expected.get(i), response.status(), response::comparable);
      }
    }
  }

  @AfterAll
  static void report() {
    System.out.println(TALLY.summary());
    assertEquals(0, TALLY.serverErrors());
    SERVICE.assertLogsClean();
  }

  private record Exchange(int status, String method, String target, List<String> headers, byte[] body) {
    @Override
    public String toString() {
      return method + " " + target + (body == null ? "" : " with a body") + " (" + status + ")";
    }
  }

  private static RawHttp.Response post(String id, List<String> headers, String history) {
    return RawHttp.send(
        DEFAULTS.port(),
        "POST",
        SeededService.path(id) + "/history",
        new ArrayList<>(headers),
        history.getBytes(StandardCharsets.UTF_8));
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    // Long enough to tell a connection left open from one closed late by the idle check.
    socket.setSoTimeout(5_000);
    return socket;
  }

  /** What the server sends before it closes the connection; fails when it keeps it open. */
  private static String restUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        rest.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException open) {
      throw new AssertionError("the connection stayed open; received meanwhile: " + rest, open);
    } catch (SocketException reset) {
      // Closed with unread bytes on the server's side: a reset, which ends it all the same.
    }
    return rest.toString(StandardCharsets.ISO_8859_1);
  }
}
