package dev.wfx.adapter.rest.temporal;

import dev.wfx.domain.history.EventOriginal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a history in Temporal's JSON, {@code {"events":[...]}} as {@code temporal workflow show
 * --output json} prints it, one event at a time: each event's original in protobuf's canonical JSON
 * (an event kept as JSON, as it is). Closing it ends the document; it holds one event at a time.
 */
public final class TemporalHistoryWriter implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;

  private final Writer out;
  private boolean first = true;

  public TemporalHistoryWriter(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
    write("{\"events\":[");
  }

  /** Writes the next event. */
  public void write(EventOriginal original) {
    write(first ? "" : ",");
    first = false;
    write(TemporalOriginals.canonicalJson(original));
  }

  private void write(String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away while reading the history", e);
    }
  }

  @Override
  public void close() {
    write("]}");
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away while reading the history", e);
    }
  }
}
