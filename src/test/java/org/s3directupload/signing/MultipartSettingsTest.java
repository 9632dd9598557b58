package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.TestSettings;

class MultipartSettingsTest {

  private static MultipartSettings read(String... kv) {
    return MultipartSettings.read(TestSettings.reader(kv), TestSettings.signing(kv));
  }

  @Test
  void shippedDefaultsAreTheDocumentedOnes() {
    MultipartSettings cut = read();

    assertEquals(64L * 1024 * 1024, cut.threshold());
    assertEquals(16L * 1024 * 1024, cut.partSize());
    assertEquals(4, cut.parallelParts());
    assertEquals(Duration.ofDays(1), cut.lifetime());
    assertEquals(3, cut.incompleteUploadDays());
    assertFalse(cut.inParts(64L * 1024 * 1024));
    assertTrue(cut.inParts(64L * 1024 * 1024 + 1));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "upload.multipart-threshold|5242879",
        "upload.multipart-threshold|5368709121",
        "upload.part-size|5242879",
        "upload.part-size|5368709121",
        "upload.parallel-parts|0",
        "upload.parallel-parts|17",
        "upload.multipart-lifetime|PT9S",
        "upload.multipart-lifetime|P31D",
        "upload.incomplete-upload-days|0",
      })
  void invalidValueStopsStartUpNamingTheKey(String key, String value) {
    InvalidSettingException thrown =
        assertThrows(InvalidSettingException.class, () -> read(key, value));

    assertEquals(key, thrown.key());
  }

  @Test
  void theBucketMayNotAbortBeforeTheApplicationWould() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () ->
                read(
                    "upload.multipart-lifetime", "P5D",
                    "upload.incomplete-upload-days", "4"));

    assertEquals("upload.incomplete-upload-days", thrown.key());
  }

  @Test
  void formsCannotCarryMoreThanFiveGib() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () ->
                read(
                    "upload.method", "post",
                    "upload.max-size", "6000000000",
                    "upload.limits.bytes", "600000000000"));

    assertEquals("upload.max-size", thrown.key());
  }
}
