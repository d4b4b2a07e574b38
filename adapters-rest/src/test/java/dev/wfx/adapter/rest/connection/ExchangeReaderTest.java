package dev.wfx.adapter.rest.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataReader.InsufficientDataAvailableException;
import io.helidon.common.task.InterruptableTask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class ExchangeReaderTest {

  private boolean waitingForRequestLine;

  /** A reader over the socket reads given, as Helidon's connection would use it. */
  private ExchangeReader reader(String... socketReads) {
    Queue<byte[]> reads = new ArrayDeque<>();
    for (String read : socketReads) {
      reads.add(read.getBytes(StandardCharsets.ISO_8859_1));
    }
    ExchangeReader reader = new ExchangeReader(DataReader.create(reads::poll));
    reader.servedBy((InterruptableTask<Void>) () -> waitingForRequestLine);
    return reader;
  }

  /** What Helidon's {@code Http1Connection.readNextChunk} does with one chunk. */
  private static String chunk(DataReader reader) {
    int length = Integer.parseInt(reader.readLine(), 16);
    String data = reader.readBuffer(length).readString(length, StandardCharsets.ISO_8859_1);
    reader.skip(2);
    return data;
  }

  @Test
  void givenChunksEndingInCrlf_whenRead_thenTheyAreTheBody() {
    DataReader reader =
        reader("5\r\nhello\r\n6\r", "\n world\r", "\n2\r\nhi\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");

    assertEquals(
        List.of("hello", " world", "hi", "0123456789abcdef"),
        List.of(chunk(reader), chunk(reader), chunk(reader), chunk(reader)));
    assertEquals("0", reader.readLine());
    assertEquals("", reader.readLine());
  }

  @Test
  void givenABodyOfKnownLength_whenReadInPieces_thenTheNextRequestFollows() {
    // Helidon reads such a body as it arrives, in pieces of any length, two bytes among them.
    DataReader reader = reader("ab", "cd", "GET /next HTTP/1.1\r\nHost: x\r\n\r\n");

    assertEquals("ab", reader.readBuffer(2).readString(2, StandardCharsets.ISO_8859_1));
    assertEquals("cd", reader.readBuffer(2).readString(2, StandardCharsets.ISO_8859_1));
    assertEquals("GET /next HTTP/1.1", reader.readLine());
    assertEquals("Host: x", reader.readLine());
  }

  @Test
  void givenChunkDataFollowedByAnythingButCrlf_whenRead_thenItIsRefusedAndNothingMoreIsRead() {
    for (String end : List.of("XX", "\n\n", "\r\r", "\rX", "X\n")) {
      DataReader reader = reader("5\r\nhello" + end + "0\r\n\r\nGET / HTTP/1.1\r\n\r\n");

      assertThrows(BrokenChunkFraming.class, () -> chunk(reader), end);
      assertThrows(InsufficientDataAvailableException.class, reader::readLine, end);
    }
  }

  @Test
  void givenTheLastExchange_whenTheConnectionWaitsForARequestLine_thenTheConnectionReadsAsEnded() {
    ExchangeReader reader = reader("GET / HTTP/1.1\r\n", "5\r\nhello\r\nGET /next HTTP/1.1\r\n");
    assertEquals("GET / HTTP/1.1", reader.readLine());

    reader.closeAfterExchange();

    assertEquals("hello", chunk(reader));
    waitingForRequestLine = true;
    assertThrows(InsufficientDataAvailableException.class, reader::readLine);
  }

  @Test
  void givenAnExchangeNotTheLast_whenTheConnectionWaitsForARequestLine_thenTheNextIsRead() {
    ExchangeReader reader = reader("GET / HTTP/1.1\r\nGET /next HTTP/1.1\r\n");
    assertEquals("GET / HTTP/1.1", reader.readLine());

    waitingForRequestLine = true;

    assertEquals("GET /next HTTP/1.1", reader.readLine());
  }
}
