package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;
import org.s3directupload.config.UploadSettings;

class TicketHeadersTest {

  @Test
  void aes256TicketCarriesTypeNameAndEncryption() {
    UploadSettings settings = TestSettings.with();

    assertEquals(
        List.of("Content-Type", "Content-Disposition", "x-amz-server-side-encryption"),
        List.copyOf(TicketHeaders.forUpload(settings, "application/pdf", "a.pdf").keySet()));
    assertEquals(
        "AES256",
        TicketHeaders.forUpload(settings, "application/pdf", "a.pdf").get(TicketHeaders.SSE));
  }

  @Test
  void corsNamesAreExactlyTheTicketHeadersInLowerCase() {
    UploadSettings settings = TestSettings.with();

    assertEquals(
        TicketHeaders.forUpload(settings, "application/pdf", "a.pdf").keySet().stream()
            .map(String::toLowerCase)
            .toList(),
        TicketHeaders.names(settings));
  }

  @Test
  void kmsWithKeyAddsTheKeyHeader() {
    UploadSettings settings =
        TestSettings.with("upload.sse", "aws:kms:dsse", "upload.sse-kms-key-id", "k-1");

    assertEquals(
        List.of(
            "content-type",
            "content-disposition",
            "x-amz-server-side-encryption",
            "x-amz-server-side-encryption-aws-kms-key-id"),
        TicketHeaders.names(settings));
    assertEquals(
        "aws:kms:dsse",
        TicketHeaders.forUpload(settings, "application/pdf", "a.pdf").get(TicketHeaders.SSE));
  }

  @Test
  void v2MayCarryASessionToken() {
    assertEquals(
        List.of(
            "content-type",
            "content-disposition",
            "x-amz-server-side-encryption",
            "x-amz-security-token"),
        TicketHeaders.names(TestSettings.with("upload.signature-version", "v2")));
  }

  @Test
  void neverAWildcard() {
    for (UploadSettings settings :
        List.of(
            TestSettings.with(),
            TestSettings.with("upload.sse", "aws:kms"),
            TestSettings.with("upload.signature-version", "v2"))) {
      assertFalse(TicketHeaders.names(settings).stream().anyMatch(name -> name.contains("*")));
    }
  }
}
