package dev.wfx.adapter.rest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/** Test fixture: validates a GET body against a JSON Schema of the document. */
public final class JsonSchemaCheck {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonSchema schema;
  private final Path file;

  private JsonSchemaCheck(Path file) {
    this.file = file;
    this.schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of(file.toUri().toString()));
  }

  /** Against the schema in {@code file}. */
  public static JsonSchemaCheck of(Path file) {
    return new JsonSchemaCheck(file);
  }

  /** Against the repository's own schema, {@code docs/workflow-execution.schema.json}. */
  public static void assertValidDocument(String json) {
    Repository.CHECK.assertValid(json);
  }

  public void assertValid(String json) {
    try {
      Set<ValidationMessage> problems = schema.validate(MAPPER.readTree(json));
      assertEquals(Set.of(), problems, "the document breaks the schema " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loaded on first use, so a missing file fails the test that needs it with its own message. */
  private static final class Repository {
    private static final JsonSchemaCheck CHECK = of(TestData.schema());
  }
}
