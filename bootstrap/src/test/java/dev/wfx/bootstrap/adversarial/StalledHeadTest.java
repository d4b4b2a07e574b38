package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that stall before their request is complete (issue #5): a connection that sends
 * nothing, part of a request line, part of its headers, a byte now and then, or nothing after an
 * answer is closed within the request head timeout and a little; honest clients that keep their
 * connection, or take long over a body or an answer, are not cut.
 */
class StalledHeadTest {

  private static final SeededService SERVICE = SeededService.get();
  private static final Tally TALLY = Tally.of("stalled-heads");
  private static final Duration TIMEOUT = SeededService.REQUEST_HEAD_TIMEOUT;
  /**
   * The latest the service promises to cut a stalled head off: up to three seconds after the
   * timeout, for Helidon's idle check counts whole seconds.
   */
  private static final Duration PROMISED = TIMEOUT.plusSeconds(3);
  /** The latest a test accepts, with room for a busy machine. */
  private static final Duration LATEST = PROMISED.plusSeconds(1);
  /** How long a test waits before it calls a connection never closed. */
  private static final int GIVE_UP_MILLIS = 10_000;
  private static final Map<String, Long> CUT_OFF_MILLIS = new ConcurrentSkipListMap<>();

  @Test
  void givenAConnectionThatSendsNothing_whenTheTimeoutPasses_thenItIsClosed() throws IOException {
    try (Socket socket = connect()) {
      long since = System.nanoTime();

      assertCutOffInTime("nothing", socket, since);
    }
  }

  @Test
  void givenHalfARequestLine_whenTheClientStalls_thenItIsClosed() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /workflow-exec");
      long since = System.nanoTime();

      assertCutOffInTime("half-request-line", socket, since);
    }
  }

  @Test
  void givenARequestLineAndSomeHeaders_whenTheClientStalls_thenItIsClosed() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET " + SeededService.path(SERVICE.executionA) + " HTTP/1.1\r\nHost: x\r\n"
          + "Authorization: Bearer " + SERVICE.userA + "\r\nAccept: ");
      long since = System.nanoTime();

      assertCutOffInTime("some-headers", socket, since);
    }
  }

  @Test
  void givenHeadersTricklingInOneByteEvery300Ms_whenTheTimeoutPasses_thenItIsClosedAnyway()
      throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET " + SeededService.path(SERVICE.executionA) + " HTTP/1.1\r\nHost: x\r\n");
      long since = System.nanoTime();
      AtomicInteger trickled = trickle(socket, "X-Slow: " + "a".repeat(200));

      assertCutOffInTime("trickled-headers", socket, since);
      assertTrue(trickled.get() > TIMEOUT.toMillis() / 300, "trickled only " + trickled + " bytes");
    }
  }

  @Test
  void givenARequestLineTricklingInOneByteEvery300Ms_whenTheTimeoutPasses_thenItIsClosedAnyway()
      throws Exception {
    try (Socket socket = connect()) {
      long since = System.nanoTime();
      AtomicInteger trickled = trickle(socket, "GET /" + "a".repeat(200));

      assertCutOffInTime("trickled-request-line", socket, since);
      assertTrue(trickled.get() > TIMEOUT.toMillis() / 300, "trickled only " + trickled + " bytes");
    }
  }

  @Test
  void givenAKeptAliveConnection_whenNothingFollowsAnAnswer_thenItIsClosed() throws IOException {
    try (Socket socket = connect()) {
      assertEquals(200, keptAliveGet(socket).status());
      long since = System.nanoTime();

      assertCutOffInTime("idle-keep-alive", socket, since);
    }
  }

  @Test
  void givenAKeptAliveConnection_whenRequestsFollowEachOtherWithinTheTimeout_thenAllAreServed()
      throws Exception {
    try (Socket socket = connect()) {
      long since = System.nanoTime();
      int served = 0;
      // Longer than any cut-off altogether: the timeout's clock starts again with every answer.
      while (System.nanoTime() - since < PROMISED.toNanos()) {
        assertEquals(200, keptAliveGet(socket).status(), "request " + served);
        served++;
        Thread.sleep(TIMEOUT.toMillis() / 2);
      }

      assertEquals(200, keptAliveGet(socket).status(), "request " + served);
    }
  }

  @Test
  void givenA20MegabyteDocument_whenASlowReaderTakesLongerThanTheTimeout_thenItGetsAllOfIt()
      throws IOException {
    String id = Histories.tracecatId();
    String big = "{\"blob\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}";
    byte[] history =
        Histories.history(List.of(Histories.started(1, "{}"), Histories.completed(2, big)))
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(201, SERVICE.clean(TALLY, SERVICE.post(SeededService.path(id), SERVICE.serviceA, history)).status());
    try (Socket socket = new Socket()) {
      // A small window, so that the service waits on the reader rather than on its own buffers.
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), SERVICE.port()));
      socket.setSoTimeout(RawHttp.ANSWER_TIMEOUT_MILLIS);
      send(socket, "GET " + SeededService.path(id) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
          + SERVICE.adminA + "\r\n\r\n");
      long since = System.nanoTime();

      RawHttp.Response response = SERVICE.clean(TALLY, RawHttp.read(new Slow(socket.getInputStream())));
      long tookMillis = (System.nanoTime() - since) / 1_000_000;

      assertEquals(200, response.status());
      assertTrue(response.text().contains("\"result\":" + big + ","), "the document came whole");
      assertTrue(tookMillis > PROMISED.toMillis(), "the read took only " + tookMillis + " ms");
      CUT_OFF_MILLIS.put("(not cut) slow-20MB-download took", tookMillis);
    }
  }

  @Test
  void givenABodySentInPiecesOverLongerThanTheTimeout_whenEachPieceComesInTime_thenItIsStored()
      throws Exception {
    String id = Histories.tracecatId();
    byte[] body = Histories.runningHistory(2_000).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = connect()) {
      long since = System.nanoTime();
      send(socket, "POST " + SeededService.path(id) + "/history HTTP/1.1\r\nHost: x\r\n"
          + "Authorization: Bearer " + SERVICE.serviceA + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n");
      int pieces = 12;
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < pieces; i++) {
        // Each pause stays well within the body read timeout; all of them exceed the head timeout.
        Thread.sleep(TIMEOUT.toMillis() * 4 / 10);
        out.write(Arrays.copyOfRange(body, body.length * i / pieces, body.length * (i + 1) / pieces));
        out.flush();
      }

      RawHttp.Response response = SERVICE.clean(TALLY, RawHttp.read(socket.getInputStream()));
      long tookMillis = (System.nanoTime() - since) / 1_000_000;

      assertEquals(201, response.status(), response::comparable);
      assertTrue(tookMillis > PROMISED.toMillis(), "the upload took only " + tookMillis + " ms");
      CUT_OFF_MILLIS.put("(not cut) slow-upload took", tookMillis);
    }
  }

  @AfterAll
  static void report() {
    System.out.println("HEADS timeout=" + TIMEOUT.toMillis() + "ms cut off after (ms): " + CUT_OFF_MILLIS);
    System.out.println(TALLY.summary());
    assertEquals(0, TALLY.serverErrors());
    SERVICE.assertLogsClean();
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVICE.port());
    socket.setSoTimeout(RawHttp.ANSWER_TIMEOUT_MILLIS);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** A request without {@code Connection: close}, so that the connection stays open after it. */
  private static RawHttp.Response keptAliveGet(Socket socket) throws IOException {
    send(socket, "GET " + SeededService.path(SERVICE.executionA) + " HTTP/1.1\r\nHost: x\r\n"
        + "Authorization: Bearer " + SERVICE.userA + "\r\n\r\n");
    return SERVICE.clean(TALLY, RawHttp.read(socket.getInputStream()));
  }

  /** Sends {@code text} one byte every 300 ms until the connection breaks; counts what went. */
  private static AtomicInteger trickle(Socket socket, String text) {
    AtomicInteger sent = new AtomicInteger();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
                  socket.getOutputStream().write(b);
                  socket.getOutputStream().flush();
                  sent.incrementAndGet();
                  Thread.sleep(300);
                }
              } catch (IOException | InterruptedException closed) {
                // The service cut the connection off: what the test waits for.
              }
            });
    return sent;
  }

  /**
   * Waits for the service to end the connection (end of stream or a reset), sending nothing, and
   * checks it did so after the timeout but not much later.
   */
  private static void assertCutOffInTime(String name, Socket socket, long since) throws IOException {
    socket.setSoTimeout(GIVE_UP_MILLIS);
    InputStream in = socket.getInputStream();
    try {
      int read = in.read();
      assertEquals(-1, read, "the service answered a request it never got");
    } catch (SocketTimeoutException stillOpen) {
      fail(name + ": the connection was still open after " + GIVE_UP_MILLIS + " ms");
    } catch (SocketException reset) {
      // A reset is a cut-off too.
    }
    long waitedMillis = (System.nanoTime() - since) / 1_000_000;
    CUT_OFF_MILLIS.put(name, waitedMillis);
    assertTrue(
        waitedMillis >= TIMEOUT.toMillis() - 100 && waitedMillis <= LATEST.toMillis(),
        name + ": cut off after " + waitedMillis + " ms");
  }

  /** A reader that takes about 15 ms per 64 KiB: 20 MiB take it about five seconds. */
  private static final class Slow extends FilterInputStream {

    private long sinceLastPause;

    Slow(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      pace(length);
      return super.read(buffer, offset, Math.min(length, 64 * 1024));
    }

    @Override
    public int read() throws IOException {
      pace(1);
      return super.read();
    }

    private void pace(int bytes) throws IOException {
      sinceLastPause += Math.min(bytes, 64 * 1024);
      if (sinceLastPause >= 64 * 1024) {
        sinceLastPause = 0;
        try {
          Thread.sleep(15);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
  }
}
