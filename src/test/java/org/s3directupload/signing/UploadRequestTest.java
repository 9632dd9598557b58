package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadRequestTest {

  @Test
  void readsTheThreeFields() {
    UploadRequest cut =
        UploadRequest.fromJson(
            "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1234}");

    assertEquals(new UploadRequest("a.pdf", "application/pdf", 1234), cut);
  }

  @Test
  void wholeNumbersMayBeWrittenWithAnExponent() {
    assertEquals(
        1000,
        UploadRequest.fromJson("{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1e3}").size());
  }

  @Test
  void absurdSizesDoNotOverflow() {
    assertEquals(
        Long.MAX_VALUE,
        UploadRequest.fromJson("{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1e999999999}")
            .size());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|The request body is not valid JSON.",
        "{|The request body is not valid JSON.",
        "not json|The request body is not valid JSON.",
        "[1,2]|The request body must be a JSON object with filename, contentType and size.",
        "\"text\"|The request body must be a JSON object with filename, contentType and size.",
        "{\"contentType\":\"a/b\",\"size\":1}|The file name is missing.",
        "{\"filename\":null,\"contentType\":\"a/b\",\"size\":1}|The file name is missing.",
        "{\"filename\":7,\"contentType\":\"a/b\",\"size\":1}|The file name must be a string.",
        "{\"filename\":\"  \",\"contentType\":\"a/b\",\"size\":1}|The file name is empty.",
        "{\"filename\":\"a\",\"size\":1}|The content type is missing.",
        "{\"filename\":\"a\",\"contentType\":[],\"size\":1}|The content type must be a string such"
            + " as application/pdf.",
        "{\"filename\":\"a\",\"contentType\":\"a/b\"}|The file size is missing.",
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":\"12\"}|The file size must be a whole"
            + " number of bytes.",
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1.5}|The file size must be a whole"
            + " number of bytes.",
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":true}|The file size must be a whole"
            + " number of bytes.",
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":-1}|The file size cannot be"
            + " negative.",
      })
  void malformedRequestsAreRefusedWithASentence(String body, String message) {
    UploadRefusal refusal = assertThrows(UploadRefusal.class, () -> UploadRequest.fromJson(body));

    assertEquals(UploadRefusal.Reason.INVALID_REQUEST, refusal.reason());
    assertEquals(message, refusal.getMessage());
  }

  @Test
  void enormousExponentsCountAsTooLargeNotAsErrors() {
    assertEquals(
        Long.MAX_VALUE,
        UploadRequest.fromJson("{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1E2147483647}")
            .size());
  }

  static java.util.stream.Stream<String> hostileBodies() {
    String valid = "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1}";
    return java.util.stream.Stream.of(
        valid + " junk",
        valid + "{}",
        valid + ",",
        "[".repeat(5000),
        "{\"a\":".repeat(3000),
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1e99999999999}",
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1.0E-2147483647}",
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":" + "9".repeat(5000) + "}",
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":0." + "0".repeat(5000) + "1}",
        "{\"filename\":\"\\ud800\",\"contentType\":\"a/b\",\"size\":1",
        "\u0000",
        "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":NaN}");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("hostileBodies")
  void hostileBodiesAreRefusedAs400NeverAsAnError(String body) {
    UploadRefusal refusal = assertThrows(UploadRefusal.class, () -> UploadRequest.fromJson(body));

    assertEquals(UploadRefusal.Reason.INVALID_REQUEST, refusal.reason());
  }

  @Test
  void veryLongFileNamesAreRefused() {
    String body = "{\"filename\":\"" + "a".repeat(2000) + "\",\"contentType\":\"a/b\",\"size\":1}";

    UploadRefusal refusal = assertThrows(UploadRefusal.class, () -> UploadRequest.fromJson(body));

    assertEquals("The file name is longer than 1024 characters.", refusal.getMessage());
  }

  @Test
  void aChecksumIsTheBase64OfThirtyTwoBytes() {
    UploadRequest request =
        UploadRequest.fromJson(
            "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":3,"
                + "\"checksumSha256\":\"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=\"}");

    assertEquals(
        java.util.Optional.of("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="),
        request.checksumSha256());
    assertEquals(
        java.util.Optional.empty(),
        UploadRequest.fromJson(
                "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1,\"checksumSha256\":null}")
            .checksumSha256());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"abc\"",
        "\"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0\"",
        "\"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0==\"",
        "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"",
        "\"!!gWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=\"",
        "12",
        "true"
      })
  void anythingElseAsAChecksumIsA400(String checksum) {
    UploadRefusal refusal =
        assertThrows(
            UploadRefusal.class,
            () ->
                UploadRequest.fromJson(
                    "{\"filename\":\"a\",\"contentType\":\"a/b\",\"size\":1,\"checksumSha256\":"
                        + checksum
                        + "}"));

    assertEquals(UploadRefusal.Reason.INVALID_REQUEST, refusal.reason());
    assertTrue(refusal.getMessage().contains("SHA-256"), refusal.getMessage());
  }
}
