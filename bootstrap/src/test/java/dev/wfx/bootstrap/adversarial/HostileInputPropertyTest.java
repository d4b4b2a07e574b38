package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing of everything a client controls (spec §3, §4, §7): execution ids, query
 * strings, headers and history bodies. Every answer is a 4xx (or a success) with a useful {@code
 * detail}, never a 5xx; the service keeps answering; a refused write changes nothing stored.
 */
class HostileInputPropertyTest {

  private static final SeededService SERVICE = SeededService.get();
  private static final Tally IDS = Tally.of("ids");
  private static final Tally QUERIES = Tally.of("queries");
  private static final Tally HEADERS = Tally.of("headers");
  private static final Tally BODIES = Tally.of("bodies");
  private static final String VALID = Histories.closedHistory("harmless");

  @Property(tries = 300)
  void givenAnyIdText_whenRead_thenTheAnswerIsAClean4xxOr200(@ForAll("idTexts") String id) {
    RawHttp.Response response =
        SERVICE.clean(IDS, SERVICE.get("/workflow-executions/" + id, SERVICE.adminA));

    assertTrue(response.status() == 200 || response.status() == 400 || response.status() == 404, response::comparable);
  }

  @Property(tries = 300)
  void givenAnyQueryString_whenAnExecutionIsRead_thenTheAnswerIsClean(
      @ForAll("queryStrings") String query) {
    RawHttp.Response response =
        SERVICE.clean(
            QUERIES,
            SERVICE.get(SeededService.path(SERVICE.executionA) + "?" + query, SERVICE.userA));

    assertTrue(response.status() == 200 || response.status() == 400 || response.status() == 404, response::comparable);
  }

  @Property(tries = 300)
  void givenAnyHeaders_whenAnExecutionIsRead_thenTheAnswerIsCleanAndNoForgedKeyGetsIn(
      @ForAll("headerLines") List<String> headers) {
    RawHttp.Response response =
        SERVICE.clean(
            HEADERS,
            RawHttp.send(
                SERVICE.port(), "GET", SeededService.path(SERVICE.executionA), headers, null));

    assertTrue(response.status() == 400 || response.status() == 401, response::comparable);
  }

  @Property(tries = 400)
  void givenAMangledHistory_whenPostedToAClosedExecution_thenItIsRefusedAndNothingChanges(
      @ForAll("mangledHistories") byte[] body) {
    String before = SERVICE.stored(SeededService.WS_A, SERVICE.executionA);

    RawHttp.Response response =
        SERVICE.clean(BODIES, SERVICE.post(SeededService.path(SERVICE.executionA), SERVICE.serviceA, body));

    assertTrue(response.status() >= 400 || response.text().contains("\"appended\":0"), response::comparable);
    assertEquals(before, SERVICE.stored(SeededService.WS_A, SERVICE.executionA));
  }

  @Property(tries = 200)
  void givenAMangledHistory_whenPostedToANewId_thenItIsRefusedWithoutATraceOrStoredWhole(
      @ForAll("mangledHistories") byte[] body) {
    String id = Histories.tracecatId();

    RawHttp.Response response =
        SERVICE.clean(BODIES, SERVICE.post(SeededService.path(id), SERVICE.serviceA, body));

    RawHttp.Response read = SERVICE.get(SeededService.path(id), SERVICE.adminA);
    assertEquals(response.status() == 201 ? 200 : 404, read.status(), read::comparable);
  }

  @Example
  void givenAValidHistoryCutAtEveryByte_whenEachPrefixIsPosted_thenEachIsRefusedAndNothingIsStored() {
    byte[] whole = VALID.getBytes(StandardCharsets.UTF_8);
    String id = Histories.tracecatId();
    for (int length = 0; length < whole.length; length++) {
      byte[] prefix = Arrays.copyOf(whole, length);
      RawHttp.Response response =
          SERVICE.clean(BODIES, SERVICE.post(SeededService.path(id), SERVICE.serviceA, prefix));
      assertTrue(response.status() == 400 || response.status() == 422, response::comparable);
    }
    assertEquals(404, SERVICE.get(SeededService.path(id), SERVICE.adminA).status());
  }

  @Provide
  Arbitrary<String> idTexts() {
    Arbitrary<String> printable = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(300);
    Arbitrary<String> encodedAnything =
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(100).map(HostileInputPropertyTest::percentEncode);
    Arbitrary<String> brokenEscapes =
        Arbitraries.of("%", "%2", "%G0", "%C3%28", "%FF%FE", "%00", "%252F%252F", "%2F", "..%2F..", "%E2%82")
            .list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("wf_", parts));
    Arbitrary<String> nearlyValid =
        Arbitraries.strings().withCharRange('a', 'z').ofLength(22)
            .map(tail -> "wf_" + tail + "%2Fexec_" + tail + "%00");
    return Arbitraries.oneOf(printable.map(HostileInputPropertyTest::escapeForTarget), encodedAnything, brokenEscapes, nearlyValid);
  }

  @Provide
  Arbitrary<String> queryStrings() {
    Arbitrary<String> names = Arbitraries.of("workspace_id", "workspace_id", "limit", "x", "", "workspace_id[]", "%77orkspace_id");
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.of("ws-a", "ws-b", "", "%", "%zz", "%C3%28", "ws-a%00", "ws a", "*", "ws-a&workspace_id=ws-b"),
            Arbitraries.strings().withCharRange('!', '~').ofMaxLength(200).map(HostileInputPropertyTest::escapeForTarget),
            Arbitraries.strings().all().ofMaxLength(50).map(HostileInputPropertyTest::percentEncode));
    Arbitrary<String> pair = Combinators.combine(names, values).as((n, v) -> n + "=" + v);
    return pair.list().ofMinSize(1).ofMaxSize(6).map(pairs -> String.join("&", pairs));
  }

  @Provide
  Arbitrary<List<String>> headerLines() {
    Arbitrary<String> tokens =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('!', '~').ofMaxLength(600),
            Arbitraries.strings().withCharRange('\u0080', '\u00ff').ofMaxLength(40),
            Arbitraries.strings().withChars(' ', '\t', 'a', '\u0000', '\u007f').ofMaxLength(20),
            Arbitraries.of("wfx_", "wfx_" + "A".repeat(43), "null", "undefined", "Bearer"));
    Arbitrary<String> schemes = Arbitraries.of("Bearer ", "bearer ", "BEARER ", "Basic ", "Token ", "", "Bearer\t", "Bearer  ");
    Arbitrary<String> authorization =
        Combinators.combine(schemes, tokens).as((scheme, token) -> "Authorization: " + scheme + token);
    Arbitrary<String> other =
        Combinators.combine(
                Arbitraries.of("X-Forwarded-For", "Content-Type", "Accept", "X-Workspace-Id", "Cookie", "Expect", "Transfer-Encoding"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200))
            .as((name, value) -> name + ": " + value);
    return Combinators.combine(authorization.list().ofMaxSize(3), other.list().ofMaxSize(3))
        .as((auth, more) -> {
          List<String> all = new ArrayList<>(auth);
          all.addAll(more);
          return all;
        });
  }

  /** Valid histories bent one way each: wrong types, huge numbers, deep nesting, bad bytes. */
  @Provide
  Arbitrary<byte[]> mangledHistories() {
    Arbitrary<String> wrongValues =
        Arbitraries.of(
            "null", "true", "[]", "{}", "\"\"", "-1", "0", "1.5", "1e400", "-1e400",
            "99999999999999999999999999999", "\"99999999999999999999\"", "\"abc\"", "\"\\u0000\"",
            "\"2024-13-45T99:99:99Z\"", "\"EVENT_TYPE_\"", "\"Bogus\"", "[1,[2,[3]]]");
    Arbitrary<String> fields =
        Arbitraries.of(
            "eventId", "eventTime", "eventType", "taskId", "workflowType", "taskQueue", "name",
            "input", "payloads", "metadata", "encoding", "data", "scheduledEventId", "failure",
            "message", "cause", "result", "events", "activityType", "activityId");
    Arbitrary<byte[]> wrongType =
        Combinators.combine(fields, wrongValues).as((field, value) -> utf8(replaceValue(VALID, field, value)));
    Arbitrary<byte[]> duplicateKeys =
        fields.map(field -> utf8(VALID.replaceFirst("\"" + field + "\":", "\"" + field + "\":\"dup\",\"" + field + "\":")));
    Arbitrary<byte[]> deepNesting =
        Arbitraries.integers().between(500, 200_000).map(depth ->
            utf8(VALID.replaceFirst("\"taskQueue\":", "\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"taskQueue\":")));
    Arbitrary<byte[]> deepCause =
        Arbitraries.integers().between(100, 5_000).map(depth ->
            utf8(VALID.replaceFirst("\"cause\":\\{", "\"cause\":" + "{\"cause\":".repeat(depth) + "{" + "}".repeat(depth) + ",\"x\":{")));
    Arbitrary<byte[]> badBase64 =
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(64)
            .map(garbage -> utf8(VALID.replaceFirst("\"data\":\"[^\"]*\"", Matcher.quoteReplacement("\"data\":\"" + garbage.replace("\\", "").replace("\"", "") + "\""))));
    Arbitrary<byte[]> invalidUtf8 =
        Combinators.combine(
                Arbitraries.integers().between(0, VALID.length() - 1),
                Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {0}))
            .as((at, bad) -> splice(utf8(VALID), at, bad));
    Arbitrary<byte[]> hugeNumbers =
        Arbitraries.of("eventId", "taskId", "scheduledEventId")
            .map(field -> utf8(replaceValue(VALID, field, "1" + "0".repeat(5_000))));
    return Arbitraries.oneOf(wrongType, duplicateKeys, deepNesting, deepCause, badBase64, invalidUtf8, hugeNumbers);
  }

  /** Replaces the first value of the field (a string, number or object start) by the given JSON. */
  private static String replaceValue(String json, String field, String value) {
    return json.replaceFirst(
        "\"" + field + "\":(\"[^\"]*\"|-?[0-9.eE+]+|\\{\\}|\\[\\])", Matcher.quoteReplacement("\"" + field + "\":" + value));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] whole, int at, byte[] inserted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(whole, 0, at);
    out.writeBytes(inserted);
    out.write(whole, at, whole.length - at);
    return out.toByteArray();
  }

  /** Every UTF-8 byte as {@code %XX}. */
  private static String percentEncode(String text) {
    return SeededService.percentEncodeAll(text);
  }

  /** Keeps printable text printable but encodes what would end the request target. */
  private static String escapeForTarget(String text) {
    return text.replace("%", "%25").replace(" ", "%20").replace("#", "%23").replace("?", "%3F");
  }

  @AfterContainer
  static void report() {
    for (Tally tally : List.of(IDS, QUERIES, HEADERS, BODIES)) {
      System.out.println(tally.summary());
      assertEquals(0, tally.serverErrors());
    }
    SERVICE.assertLogsClean();
  }
}
