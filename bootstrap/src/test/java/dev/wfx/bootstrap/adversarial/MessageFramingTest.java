package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 framing (RFC 9112 §7.1, issue #12): chunk data not followed by CRLF is refused and ends
 * the connection, so nothing a lenient front end passed along behind it is taken for a request.
 */
class MessageFramingTest {

  private static final SeededService SERVICE = SeededService.get();
  private static final Tally TALLY = Tally.of("framing");

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

  @AfterAll
  static void report() {
    System.out.println(TALLY.summary());
    assertEquals(0, TALLY.serverErrors());
    SERVICE.assertLogsClean();
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
