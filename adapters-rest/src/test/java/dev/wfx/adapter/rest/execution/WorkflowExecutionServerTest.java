package dev.wfx.adapter.rest.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.RestApi;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The workflow-execution resource through a real server socket, configured as bootstrap does;
 * also what only a server answers: requests Helidon refuses before any route runs.
 */
@ServerTest
class WorkflowExecutionServerTest extends AbstractWorkflowExecutionApiTest {

  private final URI uri;

  WorkflowExecutionServerTest(Http1Client client, URI uri) {
    super(client);
    this.uri = uri;
  }

  @SetUpServer
  static void server(WebServerConfig.Builder server) {
    server.directHandlers(RestApi.directHandlers());
  }

  @Test
  void givenBrokenPercentEncoding_whenRead_then400Problem() throws IOException {
    String response = raw("GET /workflow-executions/abc%2 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    assertTrue(response.startsWith("HTTP/1.1 400"), response);
    assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
    assertTrue(
        response.contains("\"status\":400,\"detail\":\"The request is malformed: Bad Request\",\"request_id\":\""),
        response);
  }

  private String raw(String request) throws IOException {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(false, response.isEmpty());
      return response;
    }
  }
}
