package dev.wfx.adapter.rest.temporal;

import dev.wfx.domain.history.Payload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Decodes Temporal payloads ({@code {metadata: {encoding: base64}, data: base64}}) per spec §6.3. */
final class Payloads {

  static final String JSON_PLAIN = "json/plain";
  static final String BINARY_NULL = "binary/null";

  private Payloads() {}

  /**
   * The first payload of the {@code Payloads} message under {@code name}: absent, an empty list or
   * empty data are {@link Payload#ABSENT}; malformed base64 is the sender's error, not a payload
   * shape, so it is refused.
   */
  static DecodedPayload first(Node parent, String name) {
    Optional<Node> container = parent.optObject(name);
    if (container.isEmpty()) {
      return DecodedPayload.ABSENT;
    }
    Optional<JsonTree> list = container.get().member("payloads");
    if (list.isEmpty()) {
      return DecodedPayload.ABSENT;
    }
    if (!(list.get() instanceof JsonTree.Arr array)) {
      throw container.get().problem("payloads", "is not an array");
    }
    return decode(container.get(), array.items());
  }

  private static DecodedPayload decode(Node container, List<JsonTree> items) {
    if (items.isEmpty()) {
      return DecodedPayload.ABSENT;
    }
    if (!(items.getFirst() instanceof JsonTree.Obj first)) {
      throw container.problem("payloads[0]", "is not an object");
    }
    Node payload = new Node(first, container.event(), container.pathOf("payloads[0]"));
    String data = payload.optString("data");
    if (data == null || data.isEmpty()) {
      return DecodedPayload.ABSENT;
    }
    byte[] bytes = base64(payload, "data", data);
    String encoding =
        payload
            .optObject("metadata")
            .map(
                metadata -> {
                  String encoded = metadata.optString("encoding");
                  return encoded == null
                      ? ""
                      : new String(base64(metadata, "encoding", encoded), StandardCharsets.UTF_8);
                })
            .orElse("");
    return switch (encoding) {
      case BINARY_NULL -> DecodedPayload.ABSENT;
      case JSON_PLAIN -> json(bytes);
      default -> new DecodedPayload(new Payload.Unreadable(encoding, bytes.length), null);
    };
  }

  /** Valid UTF-8 holding exactly one JSON value, kept as its exact text; anything else is unreadable. */
  private static DecodedPayload json(byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      // Parsed before it becomes a payload: blank text is no JSON value (unreadable), and the
      // payload's own check would refuse it with an exception instead.
      JsonTree value = JsonTree.parse(text);
      return new DecodedPayload(Payload.json(text), value);
    } catch (IOException e) {
      // Malformed UTF-8 (CharacterCodingException) or malformed JSON: shown, never refused.
      return new DecodedPayload(new Payload.Unreadable(JSON_PLAIN, bytes.length), null);
    }
  }

  /** Proto3 JSON writes bytes as standard or URL-safe base64, with or without padding. */
  private static byte[] base64(Node node, String name, String text) {
    try {
      // Standard base64 (padded or not) is what every SDK writes: decoded without rewriting it.
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return urlSafeBase64(node, name, text);
    }
  }

  private static byte[] urlSafeBase64(Node node, String name, String text) {
    String standard = text.replace('-', '+').replace('_', '/');
    int remainder = standard.length() % 4;
    if (remainder != 0 && !standard.endsWith("=")) {
      standard = standard + "=".repeat(4 - remainder);
    }
    try {
      return Base64.getDecoder().decode(standard);
    } catch (IllegalArgumentException e) {
      throw node.problem(name, "is not valid base64");
    }
  }
}
