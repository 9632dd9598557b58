package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void bodyThatBreaksOffIsA400() {
    java.io.InputStream broken =
        new java.io.InputStream() {
          @Override
          public int read() throws java.io.IOException {
            throw new java.io.IOException("connection reset");
          }
        };

    UploadRefusal refusal =
        assertThrows(UploadRefusal.class, () -> RequestBodies.readUtf8(broken, 100));

    assertEquals(UploadRefusal.Reason.INVALID_REQUEST, refusal.reason());
  }

  @Test
  void veryLongFileNamesAreRefused() {
    String body = "{\"filename\":\"" + "a".repeat(2000) + "\",\"contentType\":\"a/b\",\"size\":1}";

    UploadRefusal refusal = assertThrows(UploadRefusal.class, () -> UploadRequest.fromJson(body));

    assertEquals("The file name is longer than 1024 characters.", refusal.getMessage());
  }

  @Test
  void bodiesAreReadWithABound() {
    byte[] big = new byte[UploadsResource.LARGEST_BODY + 1];

    UploadRefusal refusal =
        assertThrows(
            UploadRefusal.class,
            () ->
                RequestBodies.readUtf8(
                    new ByteArrayInputStream(big), UploadsResource.LARGEST_BODY));

    assertEquals(UploadRefusal.Reason.REQUEST_TOO_LARGE, refusal.reason());
  }

  @Test
  void bodiesMustBeUtf8() {
    byte[] latin1 = "{\"filename\":\"Gr\u00fc\u00dfe\"}".getBytes(StandardCharsets.ISO_8859_1);

    UploadRefusal refusal =
        assertThrows(
            UploadRefusal.class,
            () -> RequestBodies.readUtf8(new ByteArrayInputStream(latin1), 100));

    assertEquals("The request body is not UTF-8 text.", refusal.getMessage());
  }
}
