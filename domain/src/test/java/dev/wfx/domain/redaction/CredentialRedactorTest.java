package dev.wfx.domain.redaction;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialRedactorTest {

  private static final String MASK = "[REDACTED]";

  @Test
  void givenABasicAuthorizationHeader_whenRedacted_thenTheSchemeStaysAndTheValueIsMasked() {
    assertEquals(
        "401 for header Authorization: Basic [REDACTED] on GET",
        CredentialRedactor.redact("401 for header Authorization: Basic dXNlcjpwYXNz on GET"));
  }

  @Test
  void givenABearerToken_whenRedacted_thenTheValueIsMasked() {
    assertEquals(
        "Authorization: Bearer [REDACTED]",
        CredentialRedactor.redact("Authorization: Bearer eyJhbGciOi.J9.abc"));
    assertEquals(
        "sent bearer [REDACTED] upstream",
        CredentialRedactor.redact("sent bearer abc123 upstream"));
  }

  @Test
  void givenAHeaderInAPythonDict_whenRedacted_thenTheValueIsMaskedUpToTheQuote() {
    assertEquals(
        "headers={'Authorization': 'Basic [REDACTED]', 'Accept': '*/*'}",
        CredentialRedactor.redact(
            "headers={'Authorization': 'Basic dXNlcjpwYXNz', 'Accept': '*/*'}"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "AUTHORIZATION: BASIC abc | AUTHORIZATION: BASIC [REDACTED]",
        "authorization: basic abc | authorization: basic [REDACTED]",
        "BeArEr abc | BeArEr [REDACTED]",
        "API_KEY=abc | API_KEY=[REDACTED]",
        "Password=abc | Password=[REDACTED]"
      })
  void givenAnyCase_whenRedacted_thenTheSpellingOfTheKeyIsKept(String message, String expected) {
    assertEquals(expected, CredentialRedactor.redact(message));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api_key",
        "api-key",
        "apikey",
        "access_token",
        "refresh_token",
        "token",
        "password",
        "passwd",
        "secret",
        "key",
        "sig",
        "signature",
        "aws_secret_access_key",
        "private_key",
        "client_secret",
        "credentials",
        "session",
        "auth",
        "X-API-Key",
        "accessToken",
        "clientSecret",
        "APIKey",
        "dbPassword"
      })
  void givenEachSecretKey_whenRedacted_thenItsValueIsMasked(String key) {
    assertEquals(
        "failed: " + key + "=[REDACTED] rest",
        CredentialRedactor.redact("failed: " + key + "=s3cr3t-Value/+= rest"));
  }

  @Test
  void givenATokenInsideAccessToken_whenRedacted_thenTheKeyIsMaskedOnceAndKeptWhole() {
    assertEquals(
        "access_token=[REDACTED]&refresh_token=[REDACTED]",
        CredentialRedactor.redact("access_token=aaa&refresh_token=bbb"));
  }

  /** Punctuation ends a value only where it closes it: before a space, the end or more of it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "token=abc&x=1 | token=[REDACTED]&x=1",
        "`token=abc\" x` | `token=[REDACTED]\" x`",
        "`{\"u\":\"h?token=abc\",\"x\":1}` | `{\"u\":\"h?token=[REDACTED]\",\"x\":1}`",
        "token=abc' x | token=[REDACTED]' x",
        "`'token=abc', 'x'` | `'token=[REDACTED]', 'x'`",
        "token=abc, x | token=[REDACTED], x",
        "token=abc; x | token=[REDACTED]; x",
        "(token=abc) | (token=[REDACTED])",
        "(token=abc)) | (token=[REDACTED]))",
        "`token=abc\tx` | `token=[REDACTED]\tx`",
        "`token=abc\nx` | `token=[REDACTED]\nx`",
        "`token=abc\u00A0x` | `token=[REDACTED]\u00A0x`"
      })
  void givenEachTerminator_whenRedacted_thenTheValueEndsThere(String message, String expected) {
    assertEquals(expected, CredentialRedactor.redact(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "password=a;SECRET x | password=[REDACTED] x",
        "password=a,SECRET x | password=[REDACTED] x",
        "password=a)SECRET x | password=[REDACTED] x",
        "`password=a\"SECRET x` | `password=[REDACTED] x`",
        "password=a;;SECRET; x | password=[REDACTED]; x"
      })
  void givenPunctuationInsideAValue_whenRedacted_thenTheWholeValueIsMasked(
      String message, String expected) {
    assertEquals(expected, CredentialRedactor.redact(message));
  }

  @Test
  void givenSeveralSecretsInOneMessage_whenRedacted_thenEveryOneIsMasked() {
    assertEquals(
        "GET https://api.example.com/v1?apikey=[REDACTED]&user=bob failed with"
            + " Authorization: Bearer [REDACTED]; password=[REDACTED]",
        CredentialRedactor.redact(
            "GET https://api.example.com/v1?apikey=k-123&user=bob failed with"
                + " Authorization: Bearer t-456; password=hunter2"));
  }

  @Test
  void givenAUrlWithAPassword_whenRedacted_thenOnlyThePasswordIsMasked() {
    assertEquals(
        "could not connect to postgresql://admin:[REDACTED]@db.internal:5432/app",
        CredentialRedactor.redact(
            "could not connect to postgresql://admin:pa55w0rd@db.internal:5432/app"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://bob:p@ss@host/x | https://bob:[REDACTED]@host/x",
        "redis://:s3cret@cache:6379 | redis://:[REDACTED]@cache:6379",
        "amqp://guest:a:b@c@rabbit/ | amqp://guest:[REDACTED]@rabbit/"
      })
  void givenAUrlPasswordWithAtSignsOrNoUser_whenRedacted_thenThePasswordIsMasked(
      String message, String expected) {
    assertEquals(expected, CredentialRedactor.redact(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "GET /cb?h=Bearer%20tok-1 | GET /cb?h=Bearer%20[REDACTED]",
        "next=%2Fcb%3Ftoken%3Dtok-1%26x%3D1 | next=%2Fcb%3Ftoken%3D[REDACTED]%26x%3D1",
        "next=%252Fcb%253Ftoken%253Dtok-1 | next=%252Fcb%253Ftoken%253D[REDACTED]",
        "`q=%7B%22api_key%22%3A%22k%201%22%7D` | `q=%7B%22api_key%22%3A%22[REDACTED]%22%7D`",
        "h=Bearer+tok-1&x=1 | h=Bearer+[REDACTED]&x=1"
      })
  void givenPercentEncodedCredentials_whenRedacted_thenTheEncodedValueIsMasked(
      String message, String expected) {
    assertEquals(expected, CredentialRedactor.redact(message));
  }

  @Test
  void givenAJsonObjectInAMessage_whenRedacted_thenTheQuotedValueIsMaskedWhole() {
    assertEquals(
        "body {\"api_key\": \"[REDACTED]\", \"n\": 1}",
        CredentialRedactor.redact("body {\"api_key\": \"k 1; 2\", \"n\": 1}"));
    assertEquals(
        "body {\\\"password\\\":\\\"[REDACTED]\\\"}",
        CredentialRedactor.redact("body {\\\"password\\\":\\\"p w\\\"}"));
  }

  @Test
  void givenDigestOrCookieHeaders_whenRedacted_thenEveryParameterIsMasked() {
    assertEquals(
        "Authorization: Digest [REDACTED]\nAccept: */*",
        CredentialRedactor.redact(
            "Authorization: Digest username=\"bob\", nonce=\"n1\", response=\"6629fae4\"\n"
                + "Accept: */*"));
    assertEquals(
        "Cookie: [REDACTED] sent",
        CredentialRedactor.redact("Cookie: theme=dark; session=s-1; csrf=c-2 sent"));
  }

  @Test
  void givenAnAuthorizationWithoutAKnownScheme_whenRedacted_thenTheFirstWordsAreMasked() {
    assertEquals(
        "Authorization: [REDACTED] rejected",
        CredentialRedactor.redact("Authorization: sk-live-1 was rejected"));
    assertEquals("Authorization: [REDACTED]", CredentialRedactor.redact("Authorization: sk-1"));
  }

  @Test
  void givenABase64StringThatDecodesToACredential_whenRedacted_thenTheWholeStringIsMasked() {
    String encoded =
        Base64.getEncoder()
            .encodeToString("{\"password\": \"hunter2\"}".getBytes(StandardCharsets.UTF_8));

    assertEquals(MASK, CredentialRedactor.redact(encoded));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "password | hunter 2",
        "Authorization | Bearer abc",
        "client_secret | cs-1",
        "X-API-Key | k-1",
        "sessionToken | st-1"
      })
  void givenAMemberWhoseNameBearsASecret_whenRedacted_thenItsWholeValueIsMasked(
      String member, String value) {
    assertEquals(MASK, CredentialRedactor.redact(member, value));
  }

  @Test
  void givenAnOrdinaryMemberOrAnArrayElement_whenRedacted_thenTheValueIsRedactedAsText() {
    assertAll(
        () ->
            assertEquals(
                "at call() password=[REDACTED] here",
                CredentialRedactor.redact("stackTrace", "at call() password=pw here")),
        () -> assertEquals("token=[REDACTED]", CredentialRedactor.redact(null, "token=t")),
        () -> assertSame("banana", CredentialRedactor.redact("monkey", "banana")),
        () -> assertSame("", CredentialRedactor.redact("password", "")));
  }

  @ParameterizedTest
  @MethodSource("credentialVariants")
  void givenACredentialVariant_whenRedacted_thenTheValueIsGoneAndTheKeyKept(
      String message, String secret, String kept) {
    String redacted = CredentialRedactor.redact(message);

    assertAll(
        () -> assertFalse(redacted.contains(secret), redacted),
        () -> assertTrue(redacted.contains(kept), redacted),
        () -> assertTrue(redacted.contains(MASK), redacted));
  }

  /** Each row: a message, the credential it carries, and what must stay to say what was masked. */
  static Stream<Arguments> credentialVariants() {
    return Stream.of(
        Arguments.of("password=a;SECRET", "SECRET", "password="),
        Arguments.of("https://bob:p@ss@host/db", "@ss@", "@host/db"),
        Arguments.of("redis://:secret-9@host:6379", "secret-9", "redis://:"),
        Arguments.of("Bearer\u00A0tok-1nbsp", "tok-1nbsp", "Bearer"),
        Arguments.of("Authorization: Bearer\u00A0tok-2nbsp", "tok-2nbsp", "Authorization: Bearer"),
        Arguments.of("cb?h=Bearer%20tok-3pct", "tok-3pct", "Bearer%20"),
        Arguments.of("next=%2Fcb%3Ftoken%3Dtok-4pct%26x%3D1", "tok-4pct", "token%3D"),
        Arguments.of("GET https://maps.example.com/v1?key=AIzaSy-k1&q=x", "AIzaSy-k1", "?key="),
        Arguments.of("blob?sv=2021&sig=Zx%2Bsig%3D&se=1", "Zx%2Bsig", "&sig="),
        Arguments.of("aws_secret_access_key=wJalrXUt/K7", "wJalrXUt", "aws_secret_access_key="),
        Arguments.of("private_key=MIIEvQIBADAN", "MIIEvQIBADAN", "private_key="),
        Arguments.of("password: hunter2-c", "hunter2-c", "password: "),
        Arguments.of("X-API-Key: k-777", "k-777", "X-API-Key: "),
        Arguments.of("{\"api_key\": \"k-888\"}", "k-888", "\"api_key\": \""),
        Arguments.of("Authorization: Token tk-999", "tk-999", "Authorization: Token "),
        Arguments.of("Cookie: session=sess-1", "sess-1", "Cookie: "),
        Arguments.of("Cookie: theme=dark; session=sess-2", "sess-2", "Cookie: "),
        Arguments.of("Set-Cookie: sid=sess-3; Path=/; HttpOnly", "sess-3", "Set-Cookie: "),
        Arguments.of("client_secret=cs-111", "cs-111", "client_secret="),
        Arguments.of("{\"client_secret\":\"cs-112\"}", "cs-112", "\"client_secret\":\""),
        Arguments.of("credentials=cred-222", "cred-222", "credentials="),
        Arguments.of("session=sess-4 expired", "sess-4", "session="),
        Arguments.of("auth=bob:pw-333", "pw-333", "auth="),
        Arguments.of("signature=sg-444", "sg-444", "signature="),
        Arguments.of("X-Amz-Signature=sg-445&X-Amz-Date=1", "sg-445", "X-Amz-Signature="),
        Arguments.of("X-Amz-Date=1&X-Amz-Credential=AK%2F1", "AK%2F1", "X-Amz-Credential="),
        Arguments.of(
            "Authorization: Digest username=\"bob\", response=\"dg-555\"", "dg-555", "Digest "),
        Arguments.of(
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIA/2024/s3, SignedHeaders=host,"
                + " Signature=sg-556",
            "sg-556",
            "AWS4-HMAC-SHA256 "),
        Arguments.of("Proxy-Authorization: Negotiate YIIng-666", "YIIng-666", "Negotiate "),
        Arguments.of("{'Authorization': 'Bearer tok-5 x'}", "tok-5", "'Bearer "),
        Arguments.of("{\\\"password\\\": \\\"pw-777\\\"}", "pw-777", "password"),
        Arguments.of("q=%7B%22password%22%3A%22pw-888%22%7D", "pw-888", "password"),
        Arguments.of("accessToken: at-999", "at-999", "accessToken: "),
        Arguments.of("secretKey=sk-000", "sk-000", "secretKey="),
        Arguments.of("password = pw-111", "pw-111", "password = "),
        Arguments.of("DATABASE_URL=postgres://app:pa:ss-2@db/app", "ss-2", "postgres://app:"),
        Arguments.of("amqp://guest:gu@st-3@rabbit:5672/", "st-3", "amqp://guest:"),
        Arguments.of(
            "rejected eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "eyJzdWIiOiIxIn0",
            "rejected "),
        Arguments.of("passwd=a,SECRET2 x", "SECRET2", "passwd="),
        Arguments.of("PASSWORD=Pw-Ünïcödé-中", "Ünïcödé", "PASSWORD="),
        Arguments.of("api-key='k 7'", "k 7", "api-key='"),
        Arguments.of("Authorization: sk-live-raw rejected", "sk-live-raw", "Authorization: "),
        Arguments.of("{'password': 'pw;q'}", "pw;q", "'password': '"),
        Arguments.of("h=Bearer%2520tok-dbl", "tok-dbl", "Bearer%2520"),
        Arguments.of("curl -H 'Basic dXNlcjpwYXNzd29yZA=='", "dXNlcjpwYXNzd29yZA", "Basic "),
        Arguments.of("user_session_id=usid-1", "usid-1", "user_session_id="));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "HTTP 500 from https://example.com:8443/path?q=1",
        "mail bob@example.com: see https://example.com/a@b",
        "the token was missing",
        "the token expired",
        "password reset failed",
        "Bearer token missing",
        "basic validation failed: expected 3 items",
        "session expired, please sign in again",
        "invalid signature on request",
        "cookie consent required",
        "Authorization failed for user bob",
        "ERROR: duplicate key value violates unique constraint \"users_pkey\"",
        "monkey=banana",
        "design=compact",
        "passes=3",
        "tokens: 1200 used",
        "token=",
        "ssh://git@github.com/org/repo.git",
        "SGVsbG8gd29ybGQ=",
        "ActivityTaskFailed",
        "connect to auth.example.com:443 timed out",
        "retry 3 of 5: connection refused"
      })
  void givenNothingToRedact_whenRedacted_thenTheSameTextIsReturned(String message) {
    assertSame(message, CredentialRedactor.redact(message));
  }

  /** A served document is redacted on every read: no input may make that slow. */
  @ParameterizedTest
  @MethodSource("adversarialMessages")
  void givenALongAdversarialMessage_whenRedacted_thenItFinishesFast(String message) {
    assertTimeoutPreemptively(Duration.ofSeconds(1), () -> CredentialRedactor.redact(message));
  }

  static Stream<String> adversarialMessages() {
    int size = 100_000;
    return Stream.of(
        "password=".repeat(size / 9),
        "password=x;".repeat(size / 11),
        "a.".repeat(size / 2),
        "a-".repeat(size / 2) + "://",
        "x://".repeat(size / 4),
        "https://" + "@".repeat(size),
        "https://:" + "a:@".repeat(size / 3),
        "\"password\": \"" + "a".repeat(size),
        "{\"password\":\"" + "\\\"".repeat(size / 2),
        "Bearer ".repeat(size / 7),
        "Authorization: Digest " + "a=b, ".repeat(size / 5),
        "Cookie: " + "a=b;".repeat(size / 4),
        "%25".repeat(size / 3),
        "%".repeat(size),
        "token%3D".repeat(size / 8),
        "Basic " + "A".repeat(size),
        "eyJ" + "a".repeat(size) + ".eyJ",
        "key" + " ".repeat(size) + "x",
        Base64.getEncoder()
            .encodeToString(("password=" + "x;".repeat(size / 2)).getBytes(StandardCharsets.UTF_8)),
        "Authorization: ".repeat(size / 15),
        "a".repeat(size),
        "\u00A0".repeat(size));
  }
}
