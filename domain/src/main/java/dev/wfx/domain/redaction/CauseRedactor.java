package dev.wfx.domain.redaction;

/**
 * Redacts one string of a failure's cause as it is served (spec §6.6). The core holds the cause as
 * JSON text it does not parse, so whoever encodes it calls this for every string in it, with the
 * name of the member that holds the string.
 */
@FunctionalInterface
public interface CauseRedactor {

  /**
   * @param member the name of the object member holding {@code value}; null for an array element
   * @return {@code value} as served
   */
  String redact(String member, String value);
}
