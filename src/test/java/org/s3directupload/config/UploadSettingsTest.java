package org.s3directupload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadSettingsTest {

  @Test
  void shippedDefaultsAreTheDocumentedOnes() {
    UploadSettings cut = TestSettings.with();

    assertEquals("test-bucket", cut.bucket());
    assertEquals("uploads/", cut.keyPrefix());
    assertEquals(SignatureVersion.V4, cut.signatureVersion());
    assertEquals(Duration.ofMinutes(10), cut.urlLifetime());
    assertEquals("us-east-1", cut.region());
    assertEquals(Optional.empty(), cut.endpoint());
    assertFalse(cut.pathStyle());
    assertEquals(ServerSideEncryption.AES256, cut.sse());
    assertEquals(Optional.empty(), cut.sseKmsKeyId());
    assertEquals(List.of("application/pdf"), cut.allowedContentTypes().patterns());
    assertEquals(104857600L, cut.maxSize());
    assertEquals(List.of(), cut.allowedOrigins());
  }

  @Test
  void convertsEveryValueOnce() {
    UploadSettings cut =
        TestSettings.with(
            "upload.signature-version", "V2",
            "upload.url-lifetime", "PT30S",
            "upload.endpoint", "http://127.0.0.1:9000/",
            "upload.path-style", "TRUE",
            "upload.allowed-content-types", "application/pdf, IMAGE/*",
            "upload.allowed-origins", "http://localhost:8080, https://Uploads.Example.com");

    assertEquals(SignatureVersion.V2, cut.signatureVersion());
    assertEquals(Duration.ofSeconds(30), cut.urlLifetime());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), cut.endpoint());
    assertTrue(cut.pathStyle());
    assertEquals(List.of("application/pdf", "image/*"), cut.allowedContentTypes().patterns());
    assertEquals(
        List.of("http://localhost:8080", "https://uploads.example.com"), cut.allowedOrigins());
  }

  @Test
  void kmsModesTakeAKeyId() {
    UploadSettings cut =
        TestSettings.with("upload.sse", "aws:kms", "upload.sse-kms-key-id", "alias/uploads");

    assertEquals(ServerSideEncryption.AWS_KMS, cut.sse());
    assertEquals(Optional.of("alias/uploads"), cut.sseKmsKeyId());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "upload.bucket|''",
        "upload.bucket|My Bucket",
        "upload.bucket|a/b",
        "upload.key-prefix|uploads",
        "upload.key-prefix|/uploads/",
        "upload.key-prefix|uploads//x/",
        "upload.key-prefix|uploads/../x/",
        "upload.key-prefix|up\\loads/",
        "upload.signature-version|v3",
        "upload.url-lifetime|10 minutes",
        "upload.url-lifetime|PT0S",
        "upload.url-lifetime|P8D",
        "upload.region|Europe West",
        "upload.endpoint|s3.example.com",
        "upload.endpoint|ftp://s3.example.com",
        "upload.endpoint|https://s3.example.com/bucket",
        "upload.endpoint|https://user:pw@s3.example.com",
        "upload.path-style|yes",
        "upload.sse|aes256",
        "upload.sse|none",
        "upload.sse-kms-key-id|alias/uploads",
        "upload.allowed-content-types|pdf",
        "upload.allowed-content-types|application/*pdf",
        "upload.allowed-content-types|text/plain; charset=utf-8",
        "upload.allowed-content-types|' , '",
        "upload.max-size|100MB",
        "upload.max-size|0",
        "upload.max-size|5368709121",
        "upload.allowed-origins|*",
        "upload.allowed-origins|https://example.com/app",
        "upload.allowed-origins|example.com",
      })
  void invalidValueStopsStartUpNamingTheKey(String key, String value) {
    InvalidSettingException thrown =
        assertThrows(InvalidSettingException.class, () -> TestSettings.with(key, value));

    assertEquals(key, thrown.key());
    assertTrue(thrown.getMessage().contains(key), thrown.getMessage());
  }

  @Test
  void missingBucketIsNamed() {
    InvalidSettingException thrown =
        assertThrows(InvalidSettingException.class, () -> TestSettings.with("upload.bucket", null));

    assertEquals(
        "Invalid configuration: upload.bucket is required but has no value.", thrown.getMessage());
  }

  @Test
  void kmsNeedsSignatureVersion4() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () -> TestSettings.with("upload.sse", "aws:kms", "upload.signature-version", "v2"));

    assertEquals("upload.signature-version", thrown.key());
  }

  @Test
  void largestSinglePutIsAllowed() {
    assertEquals(5368709120L, TestSettings.with("upload.max-size", "5368709120").maxSize());
  }
}
