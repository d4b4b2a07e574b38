package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.JsonSchemaCheck;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Times and durations a history may spell but the service cannot keep (issue #12): event times
 * outside the years 0001 to 9999, negative durations, durations beyond 100 years, and a backoff
 * that puts the execution time past 9999. Each is a 422 naming the event and the field, never a
 * 500, and nothing is stored; the extremes inside the range are stored and read back as documents
 * the schema accepts.
 */
class ExtremeTimesPropertyTest {

  /** Its refusals are filed under workspace B's service key, which no other test's audit needs. */
  private static final SeededService SERVICE = SeededService.get();
  private static final Tally TALLY = Tally.of("extreme-times");
  private static final String TIME = "2024-08-14T03:50:59.998228Z";
  private static final String BACKOFF = "\"firstWorkflowTaskBackoff\":\"0s\"";
  private static final String TIMEOUT = "\"workflowExecutionTimeout\":\"300s\"";

  /** An event time, a backoff and a timeout to put into a valid closed history. */
  record Times(String eventTime, String backoff, String timeout, String field) {
    String history() {
      return Histories.closedHistory("harmless")
          .replaceFirst(TIME, eventTime)
          .replace(BACKOFF, "\"firstWorkflowTaskBackoff\":\"" + backoff + "\"")
          .replace(TIMEOUT, "\"workflowExecutionTimeout\":\"" + timeout + "\"");
    }
  }

  @Property(tries = 150)
  void givenATimeOrDurationOutOfRange_whenPosted_thenItIs422NamingItAndNothingIsStored(
      @ForAll("outOfRange") Times times) {
    String id = Histories.tracecatId();

    RawHttp.Response response =
        SERVICE.clean(
            TALLY,
            SERVICE.post(
                SeededService.path(id), SERVICE.serviceB, times.history().getBytes(StandardCharsets.UTF_8)));

    assertEquals(422, response.status(), response::comparable);
    assertTrue(response.text().contains("event 1: "), response::comparable);
    assertTrue(response.text().contains(times.field()), response::comparable);
    assertEquals(404, SERVICE.get(SeededService.path(id), SERVICE.adminA).status());
  }

  @Example
  void givenTheExtremesInsideTheRange_whenPosted_thenTheyAreStoredAndReadBackAsTheSchemaWants() {
    Map<Times, String> startAndExecutionTimes =
        Map.of(
            new Times("0001-01-01T00:00:00Z", "0s", "0s", ""),
            "\"start_time\":\"0001-01-01T00:00:00Z\",\"execution_time\":\"0001-01-01T00:00:00Z\"",
            new Times("9999-12-31T23:59:59.999999999Z", "0s", "3155760000s", ""),
            "\"start_time\":\"9999-12-31T23:59:59.999999Z\",\"execution_time\":\"9999-12-31T23:59:59.999999Z\"",
            new Times("9999-12-31T00:00:00Z", "86399.999999999s", "0.000000001s", ""),
            "\"start_time\":\"9999-12-31T00:00:00Z\",\"execution_time\":\"9999-12-31T23:59:59.999999Z\"",
            new Times("0001-01-01T18:00:00+18:00", "3155760000s", "-0s", ""),
            "\"start_time\":\"0001-01-01T00:00:00Z\",\"execution_time\":\"0101-01-02T00:00:00Z\"");
    startAndExecutionTimes.forEach(
        (times, expected) -> {
          String id = Histories.tracecatId();

          RawHttp.Response response =
              SERVICE.clean(
                  TALLY,
                  SERVICE.post(
                      SeededService.path(id),
                      SERVICE.serviceB,
                      times.history().getBytes(StandardCharsets.UTF_8)));

          assertEquals(201, response.status(), times + ": " + response.comparable());
          String document = SERVICE.stored(SeededService.WS_B, id);
          assertTrue(document.contains(expected), times + ": " + document);
          JsonSchemaCheck.assertValidDocument(document);
        });
  }

  @Provide
  Arbitrary<Times> outOfRange() {
    Arbitrary<String> inRangeTimes = Arbitraries.just(TIME);
    Arbitrary<Times> badTimes =
        Arbitraries.oneOf(yearsOutside(), offsetsAcrossTheEdges())
            .map(time -> new Times(time, "0s", "300s", "eventTime"));
    Arbitrary<Times> badBackoffs =
        Combinators.combine(inRangeTimes, badDurations())
            .as((time, backoff) -> new Times(time, backoff, "300s", "firstWorkflowTaskBackoff"));
    Arbitrary<Times> badTimeouts =
        badDurations().map(timeout -> new Times(TIME, "0s", timeout, "workflowExecutionTimeout"));
    Arbitrary<Times> executionTimesPast9999 =
        Combinators.combine(
                Arbitraries.longs().between(0, 86_399), Arbitraries.longs().between(1, 3_155_760_000L))
            .as(
                (secondOfDay, extra) ->
                    new Times(
                        OffsetDateTime.of(
                                LocalDateTime.of(9999, 12, 31, 0, 0).plusSeconds(secondOfDay),
                                ZoneOffset.UTC)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        (86_400 - secondOfDay + extra - 1) + ".5s",
                        "300s",
                        "firstWorkflowTaskBackoff"));
    return Arbitraries.oneOf(badTimes, badBackoffs, badTimeouts, executionTimesPast9999);
  }

  /**
   * Years Java can spell but the document cannot: 0 and before, 10000 and after; February to
   * November, so that no offset moves the time into the years 0001 to 9999.
   */
  private static Arbitrary<String> yearsOutside() {
    Arbitrary<Integer> years =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-999_999_999, 0),
            Arbitraries.integers().between(10_000, 999_999_999),
            Arbitraries.of(0, -1, 10_000));
    return Combinators.combine(
            years,
            Arbitraries.integers().between(2, 11),
            Arbitraries.integers().between(1, 28),
            Arbitraries.integers().between(0, 86_399),
            Arbitraries.integers().between(-18 * 3600, 18 * 3600))
        .as(
            (year, month, day, second, offset) ->
                OffsetDateTime.of(
                        LocalDateTime.of(year, month, day, 0, 0).plusSeconds(second),
                        ZoneOffset.ofTotalSeconds(offset))
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }

  /** 0001-01-01 a little east of Greenwich and 9999-12-31 a little west: just outside in UTC. */
  private static Arbitrary<String> offsetsAcrossTheEdges() {
    return Arbitraries.integers()
        .between(1, 18 * 60)
        .flatMap(
            minutes ->
                Arbitraries.of(
                    OffsetDateTime.of(
                            LocalDateTime.of(1, 1, 1, 0, 0).plusMinutes(minutes - 1),
                            ZoneOffset.ofTotalSeconds(minutes * 60))
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    OffsetDateTime.of(
                            LocalDateTime.of(9999, 12, 31, 23, 59, 59).minusMinutes(minutes - 1),
                            ZoneOffset.ofTotalSeconds(-minutes * 60))
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
  }

  /** Protobuf durations below zero or beyond 100 years, up to what 19 digits spell. */
  private static Arbitrary<String> badDurations() {
    Arbitrary<String> negative =
        Combinators.combine(
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.integers().between(1, 999_999_999))
            .as((seconds, nanos) -> "-" + seconds + "." + String.format("%09d", nanos) + "s");
    Arbitrary<String> tooLong =
        Arbitraries.longs().between(3_155_760_001L, Long.MAX_VALUE).map(seconds -> seconds + "s");
    Arbitrary<String> beyondALong =
        Arbitraries.strings().numeric().ofLength(18).map(digits -> "9" + digits + "s");
    Arbitrary<String> named =
        Arbitraries.of("-1s", "-9223372036854775808s", "9223372036854775807s", "3155760000.000000001s");
    return Arbitraries.oneOf(negative, tooLong, beyondALong, named);
  }

  @AfterContainer
  static void report() {
    System.out.println(TALLY.summary());
    assertEquals(0, TALLY.serverErrors());
    SERVICE.assertLogsClean();
  }
}
