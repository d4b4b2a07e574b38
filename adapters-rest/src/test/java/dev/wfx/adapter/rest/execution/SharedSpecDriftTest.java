package dev.wfx.adapter.rest.execution;

import static dev.wfx.adapter.rest.testing.TemporalJson.completed;
import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.JsonSchemaCheck;
import dev.wfx.adapter.rest.testing.TestData;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drift check, the one test that looks outside the repository: where the origin's {@code
 * shared} folder exists (the development layout), the repository's copies of the sample histories
 * equal its originals and the documents wfx renders from them pass its schema too. A clone standing
 * on its own has no such folder and this check has nothing to compare.
 */
@RoutingTest
class SharedSpecDriftTest {

  private static final ApiFixture FIXTURE = new ApiFixture();

  private final DirectClient client;

  SharedSpecDriftTest(DirectClient client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    FIXTURE.routing(routing, new GetWorkflowExecutionService(FIXTURE.executions));
  }

  /** The shared folder, once, or nothing at all where there is none. */
  static Stream<Path> sharedFolder() {
    return TestData.shared().stream();
  }

  static Stream<Path> sharedHistories() {
    return sharedFolder().flatMap(shared -> TestData.jsonFiles(originals(shared)).stream());
  }

  /** Each history the repository keeps, once for each shared folder to check it against. */
  static Stream<Arguments> documentsToCheck() {
    return sharedFolder()
        .flatMap(
            shared ->
                Stream.concat(
                        Stream.of(history(started(1), completed(2))),
                        TestData.histories().stream().map(TestData::read))
                    .map(body -> Arguments.of(shared, body)));
  }

  @ParameterizedTest(allowZeroInvocations = true)
  @MethodSource("sharedFolder")
  void givenTheSharedFolder_thenBothHoldTheSameHistories(Path shared) {
    assertEquals(names(TestData.jsonFiles(originals(shared))), names(TestData.histories()));
  }

  @ParameterizedTest(allowZeroInvocations = true)
  @MethodSource("sharedHistories")
  void givenASharedHistory_thenTheRepositorysCopyIsUnchanged(Path original) {
    assertArrayEquals(
        bytes(original), bytes(TestData.history(original.getFileName().toString())));
  }

  @ParameterizedTest(allowZeroInvocations = true)
  @MethodSource("documentsToCheck")
  void givenARecordedHistory_whenRead_thenTheDocumentPassesTheSharedSchema(
      Path shared, String history) {
    String id = FIXTURE.recordAsServiceA(client, history);

    JsonSchemaCheck.of(shared.resolve("spec/workflow-execution.schema.json"))
        .assertValid(FIXTURE.readAsUserA(client, id));
  }

  private static Path originals(Path shared) {
    return shared.resolve("data/temporal-histories");
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(file -> file.getFileName().toString()).toList();
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
