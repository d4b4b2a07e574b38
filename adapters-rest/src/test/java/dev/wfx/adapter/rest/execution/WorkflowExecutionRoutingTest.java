package dev.wfx.adapter.rest.execution;

import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;

/** The workflow-execution resource through the routing alone, without a socket. */
@RoutingTest
class WorkflowExecutionRoutingTest extends AbstractWorkflowExecutionApiTest {

  WorkflowExecutionRoutingTest(DirectClient client) {
    super(client);
  }
}
