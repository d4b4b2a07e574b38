package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Resource limits (spec §4, §8): bodies over the limit are refused without being read to their
 * end, a crowd of stalled and idle clients does not starve others (nor the database pool) and is
 * cut off, and the largest honest inputs are taken whole.
 */
class ResourceLimitsTest {

  private static final SeededService SERVICE = SeededService.get();
  private static final Tally TALLY = Tally.of("limits");

  @Test
  void givenADeclaredLengthOverTheLimit_whenOnlyAFewBytesAreSent_thenItIs413AtOnce() throws IOException {
    try (Socket socket = connect()) {
      String head =
          "POST " + SeededService.path(Histories.tracecatId()) + "/history HTTP/1.1\r\nHost: x\r\n"
              + "Authorization: Bearer " + SERVICE.serviceA + "\r\nContent-Type: application/json\r\n"
              + "Content-Length: " + (SeededService.BODY_LIMIT * 64) + "\r\n\r\n{\"events\":[";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));

      RawHttp.Response response = SERVICE.clean(TALLY, RawHttp.read(socket.getInputStream()));

      assertEquals(413, response.status(), response::comparable);
    }
  }

  @Test
  void givenAChunkedBodyOverTheLimit_whenStreamed_thenItIs413BeforeMuchMoreIsRead() throws Exception {
    try (Socket socket = connect()) {
      String head =
          "POST " + SeededService.path(Histories.tracecatId()) + "/history HTTP/1.1\r\nHost: x\r\n"
              + "Authorization: Bearer " + SERVICE.serviceA + "\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      byte[] framed = frame(chunk);
      long[] sent = {0};
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      // Twice the limit at most: the answer must come well before that.
                      while (sent[0] < 2 * SeededService.BODY_LIMIT) {
                        out.write(framed);
                        sent[0] += chunk.length;
                      }
                    } catch (IOException e) {
                      // The server refused and closed: what the test waits for.
                    }
                  });

      RawHttp.Response response = SERVICE.clean(TALLY, RawHttp.read(socket.getInputStream()));
      socket.close();
      writer.join();

      assertEquals(413, response.status(), response::comparable);
      assertTrue(sent[0] < 2 * SeededService.BODY_LIMIT, "sent " + sent[0]);
    }
  }

  @Test
  void givenACrowdOfStalledAndIdleConnections_whenOthersCall_thenTheyAreServedAndTheCrowdIsCutOff()
      throws Exception {
    List<Socket> crowd = new ArrayList<>();
    try {
      long since = System.nanoTime();
      for (int i = 0; i < 150; i++) {
        Socket socket = connect();
        if (i % 3 == 0) {
          // A write with a complete head and a body that never comes: it holds a request thread.
          socket.getOutputStream()
              .write(
                  ("POST " + SeededService.path(Histories.tracecatId()) + "/history HTTP/1.1\r\nHost: x\r\n"
                          + "Authorization: Bearer " + SERVICE.serviceA + "\r\nContent-Length: 100000\r\n\r\n{")
                      .getBytes(StandardCharsets.ISO_8859_1));
        } else if (i % 3 == 1) {
          // A head that never ends; the rest send nothing at all.
          socket.getOutputStream()
              .write(
                  ("GET " + SeededService.path(SERVICE.executionA) + " HTTP/1.1\r\nHost: x\r\nAccept: ")
                      .getBytes(StandardCharsets.ISO_8859_1));
        }
        crowd.add(socket);
      }
      List<Thread> readers = new ArrayList<>();
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        readers.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      int status = SERVICE.clean(TALLY, SERVICE.get(SeededService.path(SERVICE.executionA), SERVICE.userA)).status();
                      synchronized (statuses) {
                        statuses.add(status);
                      }
                    }));
      }
      for (Thread reader : readers) {
        reader.join();
      }

      assertEquals(60, statuses.size());
      assertTrue(statuses.stream().allMatch(status -> status == 200), statuses::toString);
      // Every one of them is cut off: the stalled bodies by the body read timeout, the rest by
      // the request head timeout (plus the up to 3 s its idle check takes), with room to spare.
      long deadline =
          since
              + Math.max(SeededService.BODY_READ_TIMEOUT.toNanos(), SeededService.REQUEST_HEAD_TIMEOUT.plusSeconds(3).toNanos())
              + 3_000_000_000L;
      int stillOpen = 0;
      for (Socket socket : crowd) {
        if (!closedBy(socket, deadline)) {
          stillOpen++;
        }
      }
      assertEquals(0, stillOpen, "connections of the crowd still open " + (System.nanoTime() - since) / 1_000_000 + " ms after it came");
    } finally {
      for (Socket socket : crowd) {
        socket.close();
      }
    }
  }

  @Test
  void givenAnUploadThatStallsMidBody_whenTheBodyReadTimeoutPasses_thenTheConnectionIsCutOff()
      throws IOException, InterruptedException {
    String id = Histories.tracecatId();
    try (Socket socket = connect()) {
      socket
          .getOutputStream()
          .write(
              ("POST " + SeededService.path(id) + "/history HTTP/1.1\r\nHost: x\r\n"
                      + "Authorization: Bearer " + SERVICE.serviceA + "\r\nContent-Length: 100000\r\n\r\n{\"events\":[")
                  .getBytes(StandardCharsets.ISO_8859_1));
      long start = System.nanoTime();

      // The server ends the exchange: an answer, end of stream, or a reset — never silence.
      try (InputStream in = socket.getInputStream()) {
        while (in.read() >= 0) {
          // drain whatever answer comes before the close
        }
      } catch (SocketException reset) {
        // a reset is a cut-off too
      }
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(
          waitedMillis >= SeededService.BODY_READ_TIMEOUT.toMillis() - 200
              && waitedMillis < SeededService.BODY_READ_TIMEOUT.toMillis() + 5_000,
          "cut off after " + waitedMillis + " ms");
    }
    String entry =
        "\"outcome\":\"UNREADABLE\",\"status\":400,"
            + "\"detail\":\"the body could not be read: the client sent no body data for too long\"";
    String trail = trailSoonHolding(id, entry);
    assertTrue(trail.contains(entry), trail);
  }

  /**
   * The execution's audit trail once it holds that text, or as it is after 5 s. The handler writes
   * the entry after the connection is cut, so perhaps after the client saw the cut.
   */
  private static String trailSoonHolding(String id, String text) throws InterruptedException {
    String query = "/audit/writes?execution_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    String trail = "";
    for (int attempt = 0; attempt < 50 && !trail.contains(text); attempt++) {
      Thread.sleep(100);
      trail = SERVICE.clean(TALLY, SERVICE.get(query, SERVICE.adminA)).text();
    }
    return trail;
  }

  @Test
  void givenAsManyTinyEventsAsABatchMayHold_whenPostedAsOneBatch_thenAllAreStored() {
    String id = Histories.tracecatId();
    byte[] body = Histories.runningHistory(51_200).getBytes(StandardCharsets.UTF_8);

    RawHttp.Response response = SERVICE.clean(TALLY, SERVICE.post(SeededService.path(id), SERVICE.serviceA, body));

    assertEquals(201, response.status(), response::comparable);
    assertTrue(response.text().contains("\"history_length\":51200"), response::comparable);
    assertTrue(SERVICE.stored(SeededService.WS_A, id).contains("\"history_length\":51200,"));
  }

  @Test
  void givenOneHundredThousandTinyEvents_whenPostedAsOneBatch_thenItIsTooLargeAndNothingIsStored() {
    String id = Histories.tracecatId();
    byte[] body = Histories.runningHistory(100_000).getBytes(StandardCharsets.UTF_8);

    RawHttp.Response response = SERVICE.clean(TALLY, SERVICE.post(SeededService.path(id), SERVICE.serviceA, body));

    assertEquals(413, response.status(), response::comparable);
    assertTrue(response.text().contains("A batch holds at most 51200 events"), response::comparable);
    assertEquals(404, SERVICE.get(SeededService.path(id).replace("/history", ""), SERVICE.userA).status());
  }

  @Test
  void givenOneTenMegabytePayload_whenPosted_thenItIsStoredAndServedWhole() {
    String id = Histories.tracecatId();
    String big = "{\"blob\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    byte[] body =
        Histories.history(List.of(Histories.started(1, "{}"), Histories.completed(2, big)))
            .getBytes(StandardCharsets.UTF_8);

    RawHttp.Response response = SERVICE.clean(TALLY, SERVICE.post(SeededService.path(id), SERVICE.serviceA, body));

    assertEquals(201, response.status(), response::comparable);
    assertTrue(SERVICE.stored(SeededService.WS_A, id).contains("\"result\":" + big + ","));
  }

  @AfterAll
  static void report() {
    System.out.println(TALLY.summary());
    assertEquals(0, TALLY.serverErrors());
    SERVICE.assertLogsClean();
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVICE.port());
    socket.setSoTimeout(RawHttp.ANSWER_TIMEOUT_MILLIS);
    return socket;
  }

  /** Whether the service ends the connection (end of stream or a reset) by {@code deadline}. */
  private static boolean closedBy(Socket socket, long deadline) throws IOException {
    try {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // an answer sent before the close counts as closed too
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  private static byte[] frame(byte[] chunk) {
    byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] framed = new byte[head.length + chunk.length + 2];
    System.arraycopy(head, 0, framed, 0, head.length);
    System.arraycopy(chunk, 0, framed, head.length, chunk.length);
    framed[framed.length - 2] = '\r';
    framed[framed.length - 1] = '\n';
    return framed;
  }
}
