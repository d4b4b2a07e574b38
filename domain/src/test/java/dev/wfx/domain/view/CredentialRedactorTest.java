package dev.wfx.domain.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialRedactorTest {

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
        "secret"
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "token=abc&x=1 | token=[REDACTED]&x=1",
        "`token=abc\"x` | `token=[REDACTED]\"x`",
        "token=abc'x | token=[REDACTED]'x",
        "token=abc,x | token=[REDACTED],x",
        "token=abc;x | token=[REDACTED];x",
        "(token=abc) | (token=[REDACTED])",
        "`token=abc\tx` | `token=[REDACTED]\tx`",
        "`token=abc\nx` | `token=[REDACTED]\nx`"
      })
  void givenEachTerminator_whenRedacted_thenTheValueEndsThere(String message, String expected) {
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
  @ValueSource(
      strings = {
        "",
        "HTTP 500 from https://example.com:8443/path?q=1",
        "mail bob@example.com: see https://example.com/a@b",
        "the token was missing",
        "basic validation failed: expected 3 items",
        "token= empty value"
      })
  void givenNothingToRedact_whenRedacted_thenTheSameTextIsReturned(String message) {
    assertSame(message, CredentialRedactor.redact(message));
  }
}
