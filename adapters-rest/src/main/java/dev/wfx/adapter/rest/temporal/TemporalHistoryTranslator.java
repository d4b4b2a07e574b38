package dev.wfx.adapter.rest.temporal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Anti-corruption layer: reads a Temporal history body ({@code {"events": [...]}} or Temporal's
 * HTTP API shape {@code {"history": {"events": [...]}}}, proto3 JSON mapping) into typed events.
 *
 * <p>The body is streamed; only one event at a time is held as a tree, so large histories cost the
 * translated events and little more, and a body with more events than a batch may hold is refused
 * at the first one over, unread beyond.
 */
public final class TemporalHistoryTranslator {

  private final int maxEvents;

  /** @param maxEvents the most events one body may hold */
  public TemporalHistoryTranslator(int maxEvents) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("a body must be allowed at least one event");
    }
    this.maxEvents = maxEvents;
  }

  private static final String EXPECTED_SHAPE =
      "expected {\"events\": [...]} or {\"history\": {\"events\": [...]}}";

  /**
   * Translates the body. A body that cannot be read to its end is {@link Translation.Unreadable};
   * one cut off by the caller's own deadline may also show as malformed JSON, which the caller
   * tells apart by what it knows of the stream.
   */
  public Translation translate(InputStream body) {
    return translateFrom(() -> JsonTree.FACTORY.createParser(body), maxEvents);
  }

  /** Translates a body held as text. */
  public Translation translate(String body) {
    return translateFrom(() -> JsonTree.FACTORY.createParser(body), maxEvents);
  }

  /**
   * The typed event an original derives, as recording derives it; for rebuilding the projections
   * of stored events when their reading changed. Its fingerprint is not the recorded one (that is
   * kept from the spelling that was sent).
   *
   * @throws IllegalArgumentException when the original cannot be read as a history event, which an
   *     original stored by wfx always can
   */
  public static HistoryEvent derive(EventOriginal original) {
    JsonTree.Obj canonical = TemporalOriginals.canonical(original);
    try {
      return EventTranslation.translate(canonical, canonical, original, 0);
    } catch (InvalidHistory e) {
      throw new IllegalArgumentException("a stored original does not derive an event: " + e.getMessage(), e);
    }
  }

  /** Opens the parser over a body, whatever holds it. */
  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  private static Translation translateFrom(ParserSource source, int maxEvents) {
    try (JsonParser parser = source.open()) {
      return translate(parser, maxEvents);
    } catch (JsonProcessingException e) {
      return new Translation.Invalid("malformed JSON: " + describe(e), "malformed JSON" + where(e));
    } catch (OverTheEventLimit e) {
      return new Translation.TooManyEvents(maxEvents);
    } catch (IOException e) {
      return Translation.Unreadable.because(e);
    }
  }

  /** Thrown at the first event over the limit, to stop reading the body there. */
  private static final class OverTheEventLimit extends RuntimeException {
    OverTheEventLimit() {
      super(null, null, false, false);
    }
  }

  private static Translation translate(JsonParser parser, int maxEvents) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return new Translation.Invalid("the body is not a JSON object; " + EXPECTED_SHAPE);
    }
    List<HistoryEvent> events = null;
    try {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("events".equals(name)) {
          events = events(parser, value, maxEvents);
        } else if ("history".equals(name) && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String inner = parser.currentName();
            JsonToken innerValue = parser.nextToken();
            if ("events".equals(inner)) {
              events = events(parser, innerValue, maxEvents);
            } else {
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (InvalidHistory e) {
      return new Translation.Invalid(e.getMessage(), e.summary());
    }
    if (parser.nextToken() != null) {
      return new Translation.Invalid("malformed JSON: content follows the history object");
    }
    return events == null
        ? new Translation.Invalid("the body has no events array; " + EXPECTED_SHAPE)
        : new Translation.Translated(events);
  }

  private static List<HistoryEvent> events(JsonParser parser, JsonToken value, int maxEvents)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new InvalidHistory("events is not an array; " + EXPECTED_SHAPE);
    }
    List<HistoryEvent> events = new ArrayList<>();
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (index == maxEvents) {
        throw new OverTheEventLimit();
      }
      JsonTree event;
      try {
        event = JsonTree.read(parser);
      } catch (JsonProcessingException e) {
        String malformed = "malformed JSON in the event at index " + index;
        throw new InvalidHistory(malformed + ": " + describe(e), malformed + where(e));
      }
      if (!(event instanceof JsonTree.Obj obj)) {
        throw new InvalidHistory("the event at index " + index + " is not a JSON object");
      }
      events.add(translate(obj, index));
      index++;
    }
    return events;
  }

  /**
   * The typed event, derived from its original: from protobuf's canonical JSON when protobuf reads
   * the event whole (as strictly as wfx reads a history) and wfx can read that; else from the
   * event's own JSON, which is then kept as its original, so that the typed event can always be
   * derived again from what is stored.
   */
  private static HistoryEvent translate(JsonTree.Obj received, int index) {
    TemporalOriginals.Read read = TemporalOriginals.read(received);
    if (read.original().format() == EventOriginal.Format.TEMPORAL_PROTO) {
      try {
        return EventTranslation.translate(read.canonical(), received, read.original(), index);
      } catch (InvalidHistory notFromCanonical) {
        // Canonical JSON leaves out default values ("" included) that the event spelled out.
        read = TemporalOriginals.json(received);
      }
    }
    return EventTranslation.translate(read.canonical(), received, read.original(), index);
  }

  /** The parser's complaint and where; it may quote a token of the body. */
  private static String describe(JsonProcessingException e) {
    return e.getOriginalMessage() + where(e);
  }

  /** Where in the body the parser stopped, or nothing when it cannot say. */
  private static String where(JsonProcessingException e) {
    var location = e.getLocation();
    return location == null
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
