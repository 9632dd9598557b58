package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.TestSettings;

class SigningSettingsTest {

  @Test
  void shippedDefaultsAreTheDocumentedOnes() {
    SigningSettings cut = TestSettings.signing();

    assertEquals("uploads/", cut.keyPrefix());
    assertEquals(SignatureVersion.V4, cut.signatureVersion());
    assertEquals(Duration.ofMinutes(10), cut.urlLifetime());
    assertEquals(List.of("application/pdf"), cut.allowedContentTypes().patterns());
    assertEquals(104857600L, cut.maxSize());
    assertEquals("test-bucket", cut.store().bucket());
  }

  @Test
  void convertsEveryValueOnce() {
    SigningSettings cut =
        TestSettings.signing(
            "upload.signature-version", "V2",
            "upload.url-lifetime", "PT30S",
            "upload.allowed-content-types", "application/pdf, IMAGE/*,,application/pdf");

    assertEquals(SignatureVersion.V2, cut.signatureVersion());
    assertEquals(Duration.ofSeconds(30), cut.urlLifetime());
    assertEquals(List.of("application/pdf", "image/*"), cut.allowedContentTypes().patterns());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "upload.key-prefix|uploads",
        "upload.key-prefix|/uploads/",
        "upload.key-prefix|uploads//x/",
        "upload.key-prefix|uploads/../x/",
        "upload.key-prefix|up\\loads/",
        "upload.signature-version|v3",
        "upload.url-lifetime|10 minutes",
        "upload.url-lifetime|PT0S",
        "upload.url-lifetime|PT1.5S",
        "upload.url-lifetime|P8D",
        "upload.allowed-content-types|pdf",
        "upload.allowed-content-types|application/*pdf",
        "upload.allowed-content-types|text/plain; charset=utf-8",
        "upload.allowed-content-types|' , '",
        "upload.max-size|100MB",
        "upload.max-size|0",
        "upload.max-size|5497558138881",
      })
  void invalidValueStopsStartUpNamingTheKey(String key, String value) {
    InvalidSettingException thrown =
        assertThrows(InvalidSettingException.class, () -> TestSettings.signing(key, value));

    assertEquals(key, thrown.key());
    assertTrue(thrown.getMessage().startsWith("Invalid configuration: " + key + " "));
  }

  @Test
  void aDurationThatIsNotOneSaysWhatOneLooksLike() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () -> TestSettings.signing("upload.url-lifetime", "ten minutes"));

    assertEquals(
        "Invalid configuration: upload.url-lifetime must be an ISO-8601 duration such as PT10M,"
            + " not 'ten minutes'.",
        thrown.getMessage());
  }

  @Test
  void kmsNeedsSignatureVersion4() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () -> TestSettings.signing("upload.sse", "aws:kms", "upload.signature-version", "v2"));

    assertEquals("upload.signature-version", thrown.key());
    assertTrue(thrown.getMessage().contains("KMS encryption requires v4"), thrown.getMessage());
  }

  @Test
  void largestSinglePutIsAllowed() {
    assertEquals(5368709120L, TestSettings.signing("upload.max-size", "5368709120").maxSize());
  }
}
