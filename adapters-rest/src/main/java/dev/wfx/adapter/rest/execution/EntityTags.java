package dev.wfx.adapter.rest.execution;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Strong entity tags of documents and the {@code If-None-Match} check (RFC 9110 §8.8.3, §13.1.2).
 *
 * <p>A run's history only grows and its length is its version, so (workspace, id, run, version)
 * names one document. The format generation goes in too: a release that encodes or redacts
 * differently must not have clients keep what an older one sent.
 */
final class EntityTags {

  static final String DOCUMENT = "document";
  static final String HISTORY = "history";

  /** Raise when the encoding or the redaction of documents changes. */
  static final int FORMAT = 2;

  private EntityTags() {}

  /**
   * @param kind what is tagged ({@code "document"}, {@code "history"}): two representations of one
   *     run never share a tag
   */
  static String of(RunKey run, long version, String kind) {
    CRC32 crc = new CRC32();
    crc.update(
        (kind + "\n" + run.workspace() + "\n" + run.id() + "\n" + run.run())
            .getBytes(StandardCharsets.UTF_8));
    return "\"" + FORMAT + "-" + version + "-" + Long.toHexString(crc.getValue()) + "\"";
  }

  /** Whether any tag listed in the {@code If-None-Match} values matches (weak comparison). */
  static boolean noneMatchHits(List<String> ifNoneMatch, String entityTag) {
    for (String value : ifNoneMatch) {
      for (String listed : value.split(",")) {
        String tag = listed.strip();
        if (tag.startsWith("W/")) {
          tag = tag.substring(2);
        }
        if (tag.equals("*") || tag.equals(entityTag)) {
          return true;
        }
      }
    }
    return false;
  }
}
