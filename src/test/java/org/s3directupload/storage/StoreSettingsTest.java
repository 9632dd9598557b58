package org.s3directupload.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.TestSettings;

class StoreSettingsTest {

  @Test
  void shippedDefaultsAreAwsInUsEast1WithAes256() {
    StoreSettings cut = TestSettings.store();

    assertEquals("test-bucket", cut.bucket());
    assertEquals("us-east-1", cut.region());
    assertEquals(Optional.empty(), cut.endpoint());
    assertFalse(cut.pathStyle());
    assertEquals(ServerSideEncryption.AES256, cut.sse());
    assertEquals(Optional.empty(), cut.sseKmsKeyId());
    assertEquals(Duration.ofSeconds(10), cut.timeouts().call());
    assertFalse(cut.plainHttp());
    assertEquals("AWS S3 in us-east-1", cut.describeEndpoint());
  }

  @Test
  void convertsEndpointAndAddressing() {
    StoreSettings cut =
        TestSettings.store(
            "upload.endpoint", "http://127.0.0.1:9000/", "upload.path-style", "TRUE");

    assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), cut.endpoint());
    assertTrue(cut.pathStyle());
    assertTrue(cut.plainHttp());
    assertEquals("http://127.0.0.1:9000 (path-style)", cut.describeEndpoint());
  }

  @Test
  void kmsModesTakeAKeyId() {
    StoreSettings cut =
        TestSettings.store("upload.sse", "aws:kms", "upload.sse-kms-key-id", "alias/uploads");

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
        "upload.region|Europe West",
        "upload.endpoint|s3.example.com",
        "upload.endpoint|ftp://s3.example.com",
        "upload.endpoint|https://s3.example.com/bucket",
        "upload.endpoint|https://user:pw@s3.example.com",
        "upload.path-style|yes",
        "upload.sse|aes256",
        "upload.sse|none",
        "upload.sse-kms-key-id|alias/uploads",
        "upload.store-timeout|ten seconds",
        "upload.store-timeout|PT0S",
        "upload.store-timeout|PT0.5S",
        "upload.store-timeout|PT1.5S",
        "upload.store-timeout|PT6M",
        "upload.store-timeout|-PT10S",
      })
  void invalidValueStopsStartUpNamingTheKey(String key, String value) {
    InvalidSettingException thrown =
        assertThrows(InvalidSettingException.class, () -> TestSettings.store(key, value));

    assertEquals(key, thrown.key());
    assertTrue(thrown.getMessage().startsWith("Invalid configuration: " + key + " "));
  }

  @Test
  void storeTimeoutIsAnIsoDurationFromOneSecondToFiveMinutes() {
    assertEquals(
        Duration.ofSeconds(1),
        TestSettings.store("upload.store-timeout", "PT1S").timeouts().call());
    assertEquals(
        Duration.ofMinutes(5),
        TestSettings.store("upload.store-timeout", "PT5M").timeouts().call());

    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () -> TestSettings.store("upload.store-timeout", "PT6M"));
    assertEquals(
        "Invalid configuration: upload.store-timeout must be whole seconds from PT1S to PT5M, not"
            + " 'PT6M'.",
        thrown.getMessage());
  }

  @Test
  void missingBucketIsNamed() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class, () -> TestSettings.store("upload.bucket", null));

    assertEquals(
        "Invalid configuration: upload.bucket is required but has no value.", thrown.getMessage());
  }

  @Test
  void sseChoicesAreListed() {
    InvalidSettingException thrown =
        assertThrows(InvalidSettingException.class, () -> TestSettings.store("upload.sse", "none"));

    assertEquals(
        "Invalid configuration: upload.sse must be AES256, aws:kms or aws:kms:dsse, not 'none'.",
        thrown.getMessage());
  }
}
