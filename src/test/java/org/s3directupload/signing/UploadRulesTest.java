package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3directupload.config.TestSettings;

class UploadRulesTest {

  private final UploadRules cut =
      new UploadRules(
          TestSettings.signing(
              "upload.allowed-content-types", "application/pdf,image/*",
              "upload.max-size", "1000"));

  @Test
  void allowedTypeIsReturnedInTheSpellingThatGetsSigned() {
    assertEquals(
        "application/pdf", cut.check(new UploadRequest("a", "Application/PDF", 10)).contentType());
  }

  @Test
  void wildcardAllowsTheWholeTopLevelType() {
    assertEquals("image/png", cut.check(new UploadRequest("a", "image/png", 10)).contentType());
  }

  @Test
  void aWildcardDoesNotAdmitSvgButItsExactNameDoes() {
    UploadRefusal refusal =
        assertThrows(
            UploadRefusal.class, () -> cut.check(new UploadRequest("a", "image/svg+xml", 1)));
    UploadRules named =
        new UploadRules(
            TestSettings.signing("upload.allowed-content-types", "image/*,image/svg+xml"));

    assertEquals(UploadRefusal.Reason.TYPE_NOT_ALLOWED, refusal.reason());
    assertEquals(
        "image/svg+xml", named.check(new UploadRequest("a", "image/SVG+xml", 1)).contentType());
  }

  @Test
  void acceptedRequestCarriesTheSizeAndBothNamesOfTheFile() {
    AcceptedUpload upload =
        cut.check(new UploadRequest("C:\\fakepath\\Grüße.pdf", "application/pdf", 7));

    assertEquals(7, upload.size());
    assertEquals("Gru_e.pdf", upload.safeName());
    assertEquals("Grüße.pdf", upload.displayName());
  }

  @Test
  void sizeUpToTheLimitIsAllowed() {
    assertEquals("image/png", cut.check(new UploadRequest("a", "image/png", 1000)).contentType());
    assertEquals("image/png", cut.check(new UploadRequest("a", "image/png", 0)).contentType());
  }

  @Test
  void typeNotAllowedIs415() {
    UploadRefusal refusal =
        assertThrows(UploadRefusal.class, () -> cut.check(new UploadRequest("a", "text/html", 1)));

    assertEquals(UploadRefusal.Reason.TYPE_NOT_ALLOWED, refusal.reason());
    assertEquals(
        "Files of type text/html are not accepted here. Accepted: application/pdf, image/*.",
        refusal.getMessage());
  }

  @Test
  void tooLargeIs413() {
    UploadRefusal refusal =
        assertThrows(
            UploadRefusal.class, () -> cut.check(new UploadRequest("a", "image/png", 1001)));

    assertEquals(UploadRefusal.Reason.TOO_LARGE, refusal.reason());
    assertEquals(
        "The file is 1001 bytes; the largest file accepted is 1000 bytes.", refusal.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "pdf",
        "application/",
        "/pdf",
        "application/pdf; charset=utf-8",
        "application/pdf\r\nX-Evil: 1",
        "application/pdf\n",
        "application /pdf",
        "image/*",
        "*/*",
        "application/pdf/x",
        "appli\u00e7ation/pdf"
      })
  void malformedTypeIs400(String type) {
    UploadRefusal refusal =
        assertThrows(UploadRefusal.class, () -> cut.check(new UploadRequest("a", type, 1)));

    assertEquals(UploadRefusal.Reason.INVALID_REQUEST, refusal.reason());
  }
}
