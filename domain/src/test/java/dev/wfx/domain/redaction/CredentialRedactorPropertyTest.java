package dev.wfx.domain.redaction;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random credentials, in every shape the redactor knows, inside random prose: no part of the
 * credential survives. Values mix the punctuation that ends values elsewhere ({@code @ ; : % = ,})
 * with non-ASCII letters; they share no run of four characters with the prose or the shapes, so any
 * such run found in the output is a leak.
 */
class CredentialRedactorPropertyTest {

  private static final String MASK = "[REDACTED]";

  /** No lowercase ASCII and no space: nothing here can meet a run of the prose or the shapes. */
  private static final String BARE = "0123456789QZXJVW@;:%=+~!$*,#éßЖ中ü€";

  /** Inside quotes a value may also hold spaces, brackets and ampersands. */
  private static final String QUOTED = BARE + " ()[]{}<>&";

  /** A URL's password cannot hold the characters that end an authority. */
  private static final String URL_PASSWORD = BARE.replace("#", "");

  private static final List<String> WORDS =
      List.of(
          "request", "failed", "upstream", "retrying", "the", "token", "expired", "password",
          "reset", "key", "session", "with", "status", "while", "calling", "échec", "Fehler", "失败");

  /** Where a credential sits: the text before and after it, and what of that must stay. */
  record Shape(String before, String after, String kept, String alphabet) {}

  private static final List<Shape> SHAPES =
      List.of(
          new Shape("password=", "", "password=", BARE),
          new Shape("GET /v1?api_key=", "&page=2", "?api_key=", BARE),
          new Shape("password: ", "", "password: ", BARE),
          new Shape("X-API-Key: ", "", "X-API-Key: ", BARE),
          new Shape("Authorization: Bearer ", "", "Authorization: Bearer ", BARE),
          new Shape("Authorization: Token ", "", "Authorization: Token ", BARE),
          new Shape("Authorization: Basic ", "", "Authorization: Basic ", BARE),
          new Shape("Bearer\u00A0", "", "Bearer\u00A0", BARE),
          new Shape("Cookie: session=", "; theme=dark", "Cookie: ", BARE),
          new Shape("aws_secret_access_key=", "", "aws_secret_access_key=", BARE),
          new Shape("private_key = ", "", "private_key = ", BARE),
          new Shape("blob?sv=1&sig=", "&se=2030", "&sig=", BARE),
          new Shape("accessToken: ", "", "accessToken: ", BARE),
          new Shape("(client_secret=", ")", "(client_secret=", BARE),
          new Shape("{\"api_key\": \"", "\"}", "{\"api_key\": \"", QUOTED),
          new Shape("{'password': '", "'}", "{'password': '", QUOTED),
          new Shape("password=\"", "\"", "password=\"", QUOTED),
          new Shape("{\"Authorization\": \"Bearer ", "\"}", "\"Authorization\": \"Bearer ", QUOTED),
          new Shape("https://bob:", "@db.example.com:5432/app", "https://bob:", URL_PASSWORD),
          new Shape("redis://:", "@cache:6379", "redis://:", URL_PASSWORD));

  record Credential(Shape shape, String value) {}

  @Property(tries = 2000)
  void givenACredentialInAnyShape_whenRedacted_thenNoPartOfItRemains(
      @ForAll("prose") String before,
      @ForAll("credentials") Credential credential,
      @ForAll("prose") String after) {
    Shape shape = credential.shape();
    String message =
        before + " " + shape.before() + credential.value() + shape.after() + " " + after;

    String redacted = CredentialRedactor.redact(message);

    assertAll(
        () -> assertNoPartOf(credential.value(), redacted),
        () -> assertTrue(redacted.contains(shape.kept()), redacted),
        () -> assertTrue(redacted.contains(MASK), redacted));
  }

  @Property(tries = 500)
  void givenAPercentEncodedCredential_whenRedacted_thenNoPartOfItRemainsOnceDecoded(
      @ForAll("bareValues") String value, @ForAll("prose") String after) {
    String inner = "/in?token=" + value + "&x=1";
    String message =
        "GET /cb?next=" + URLEncoder.encode(inner, StandardCharsets.UTF_8) + " " + after;

    String redacted = CredentialRedactor.redact(message);

    assertNoPartOf(value, URLDecoder.decode(redacted, StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void givenABase64TextCarryingACredential_whenRedacted_thenTheWholeStringIsMasked(
      @ForAll("prose") String before,
      @ForAll("credentials") Credential credential,
      @ForAll("prose") String after) {
    Shape shape = credential.shape();
    String text = before + " " + shape.before() + credential.value() + shape.after() + " " + after;
    String encoded = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));

    assertEquals(MASK, CredentialRedactor.redact(encoded));
  }

  @Provide
  Arbitrary<String> prose() {
    return Arbitraries.of(WORDS).list().ofMaxSize(8).map(words -> String.join(" ", words));
  }

  @Provide
  Arbitrary<Credential> credentials() {
    return Arbitraries.of(SHAPES)
        .flatMap(shape -> values(shape.alphabet()).map(value -> new Credential(shape, value)));
  }

  @Provide
  Arbitrary<String> bareValues() {
    return values(BARE);
  }

  private static Arbitrary<String> values(String alphabet) {
    return Arbitraries.strings().withChars(alphabet.toCharArray()).ofMinLength(4).ofMaxLength(30);
  }

  /** Every run of four characters of the value is absent from the redacted text. */
  private static void assertNoPartOf(String value, String redacted) {
    for (int start = 0; start + 4 <= value.length(); start++) {
      String part = value.substring(start, start + 4);
      assertFalse(redacted.contains(part), () -> "'" + part + "' remains in: " + redacted);
    }
  }
}
