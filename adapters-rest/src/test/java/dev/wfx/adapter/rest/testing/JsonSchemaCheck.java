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
import java.util.Set;

/** Test fixture: validates a GET body against the shared JSON Schema of the document. */
public final class JsonSchemaCheck {

  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(SchemaLocation.of(SharedFiles.schema().toUri().toString()));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonSchemaCheck() {}

  public static void assertValidDocument(String json) {
    try {
      Set<ValidationMessage> problems = SCHEMA.validate(MAPPER.readTree(json));
      assertEquals(Set.of(), problems, "the document breaks the schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
