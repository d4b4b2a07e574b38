package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Clients that never read their answers (issue #12): an anonymous client pipelining requests and
 * reading nothing would hold its connection, a thread and megabytes of socket buffers. Helidon's
 * idle-connection check, which the request head timeout sets, counts a connection whose write is
 * blocked as idle and closes it within that timeout and a few seconds; a client that reads slowly
 * but steadily gets every answer.
 */
class StalledReaderTest {

  private static final SeededService SERVICE = SeededService.get();
  private static final Tally TALLY = Tally.of("stalled-readers");
  private static final Duration TIMEOUT = SeededService.REQUEST_HEAD_TIMEOUT;
  private static final byte[] METRICS_REQUEST =
      "GET /observe/metrics HTTP/1.1\r\nHost: wfx\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ANSWER_START = "HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII);

  @Test
  void givenAClientPipeliningRequestsAndNeverReading_whenItsWriteIsBlockedPastTheTimeout_thenItIsClosed()
      throws Exception {
    int requests = 3000;
    try (Socket socket = connect()) {
      // Far more answers than the socket buffers of both ends hold: the server's writes block.
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> pipeline(socket, requests));

      // The latest the idle check promises to act (see StalledHeadTest), and a second more.
      Thread.sleep(TIMEOUT.plusSeconds(4).toMillis());
      long readFrom = System.nanoTime();
      int answers = countAnswersUntilClosed(socket.getInputStream(), 0);
      long readingMillis = (System.nanoTime() - readFrom) / 1_000_000;
      sending.cancel(true);
      TALLY.count(200);

      System.out.println(
          "STALLED-READER pipelined " + requests + ", answered " + answers + " before the cut-off");
      assertTrue(answers < requests, answers + " of " + requests + " answered: never cut off");
      assertTrue(readingMillis < 5_000, "the connection was closed already; read " + readingMillis + " ms");
    }
  }

  @Test
  void givenAClientReadingSlowlyButSteadily_whenItTakesLongerThanTheTimeout_thenItGetsEveryAnswer()
      throws Exception {
    int requests = 150;
    try (Socket socket = connect()) {
      pipeline(socket, requests);
      long since = System.nanoTime();

      int answers = countAnswersUntilClosed(new SlowInput(socket.getInputStream()), requests);

      long millis = (System.nanoTime() - since) / 1_000_000;
      TALLY.count(200);
      assertEquals(requests, answers);
      assertTrue(millis > TIMEOUT.toMillis(), "took " + millis + " ms: not slower than the timeout");
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket();
    // A small window, so that little of what the server writes fits on the client's side.
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), SERVICE.port()), 2000);
    socket.setSoTimeout(15_000);
    return socket;
  }

  private static void pipeline(Socket socket, int requests) {
    try {
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < requests; i++) {
        out.write(METRICS_REQUEST);
      }
      out.flush();
    } catch (IOException closed) {
      // The server closed the connection, or stopped reading it: both are what the test awaits.
    }
  }

  /** Answers read until the server closes (or {@code enough} are in, when positive). */
  private static int countAnswersUntilClosed(InputStream in, int enough) throws IOException {
    int answers = 0;
    int matched = 0;
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        for (int i = 0; i < n; i++) {
          matched = buffer[i] == ANSWER_START[matched] ? matched + 1 : (buffer[i] == ANSWER_START[0] ? 1 : 0);
          if (matched == ANSWER_START.length) {
            answers++;
            matched = 0;
          }
        }
        if (enough > 0 && answers == enough) {
          return answers;
        }
      }
    } catch (SocketException reset) {
      // A connection closed with unread data on the server's side ends in a reset.
    }
    return answers;
  }

  /** Hands out at most 4 KiB a read, 20 reads a second: about 80 KiB/s. */
  private static final class SlowInput extends InputStream {
    private final InputStream in;

    SlowInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      return in.read(buffer, offset, Math.min(length, 4096));
    }
  }
}
