package dev.wfx.bootstrap.adversarial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test fixture: HTTP/1.1 over a plain socket, so requests can be as malformed as an attacker likes
 * and answers are compared byte for byte. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

  /** How long a test waits for an answer before calling the server hung. */
  static final int ANSWER_TIMEOUT_MILLIS = 30_000;

  /** An answer: status, headers (names in lower case) and the body, de-chunked. */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : String.join(",", values);
    }

    /**
     * The answer as a caller can compare it: without {@code Date}, and with a request id the
     * service made up itself (for a request too malformed to read the suite's id from) replaced by
     * a placeholder, since a fresh random id tells nothing about the execution.
     */
    String comparable() {
      Map<String, List<String>> kept = new LinkedHashMap<>(headers);
      kept.remove("date");
      List<String> ids = kept.getOrDefault("x-request-id", List.of());
      String text = text();
      if (ids.size() == 1 && !ids.getFirst().equals(REQUEST_ID)) {
        text = text.replace(ids.getFirst(), "<generated-request-id>");
        kept.put("x-request-id", List.of("<generated-request-id>"));
      }
      return status + "\n" + kept + "\n" + text;
    }
  }

  private RawHttp() {}

  /**
   * The request id every request of the suite names, so that two answers can be compared byte for
   * byte: the service echoes it in a header and in problem bodies.
   */
  static final String REQUEST_ID = "adversarial-suite";

  /**
   * A request with {@code Host}, the suite's {@code X-Request-Id}, {@code Connection: close} and,
   * with a body, its length.
   */
  static byte[] request(String method, String target, List<String> headerLines, byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\n");
    head.append("X-Request-Id: ").append(REQUEST_ID).append("\r\n");
    for (String line : headerLines) {
      head.append(line).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      bytes.writeBytes(body);
    }
    return bytes.toByteArray();
  }

  public static Response send(int port, String method, String target, List<String> headers, byte[] body) {
    return exchange(port, request(method, target, headers, body));
  }

  /**
   * Sends the bytes and reads the answer. The bytes are written from another thread, so a server
   * that answers before reading everything (413) is seen answering.
   */
  static Response exchange(int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      out.write(request);
                      out.flush();
                    } catch (IOException e) {
                      // The server answered and closed before reading everything: the answer counts.
                    }
                  });
      Response response = read(socket.getInputStream());
      writer.join(ANSWER_TIMEOUT_MILLIS);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from the service", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads one answer from the stream. */
  static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the connection closed without an answer");
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers
          .computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    byte[] body;
    List<String> length = headers.get("content-length");
    List<String> encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.contains("chunked")) {
      body = chunked(in);
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length.getFirst()));
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new IOException("the chunked body ended early");
      }
      int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (n == 0) {
        // Trailers carry nothing the tests look at: read up to the blank line.
        String trailer;
        do {
          trailer = line(in);
        } while (trailer != null && !trailer.isEmpty());
        return body.toByteArray();
      }
      body.writeBytes(in.readNBytes(n));
      line(in);
    }
  }

  /** One CRLF-terminated line in ISO-8859-1; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
