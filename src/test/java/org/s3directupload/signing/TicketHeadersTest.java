package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;

class TicketHeadersTest {

  @Test
  void aes256TicketCarriesTypeNameAndEncryption() {
    SigningSettings settings = TestSettings.signing();

    assertEquals(
        List.of("Content-Type", "Content-Disposition", "x-amz-server-side-encryption"),
        List.copyOf(
            TicketHeaders.forUpload(settings, Accepted.upload("application/pdf", "a.pdf"))
                .keySet()));
    assertEquals(
        "AES256",
        TicketHeaders.forUpload(settings, Accepted.upload("application/pdf", "a.pdf"))
            .get(TicketHeaders.SSE));
  }

  @Test
  void corsNamesAreExactlyTheTicketHeadersInLowerCase() {
    SigningSettings settings = TestSettings.signing();

    assertEquals(
        TicketHeaders.forUpload(settings, Accepted.upload("application/pdf", "a.pdf"))
            .keySet()
            .stream()
            .map(String::toLowerCase)
            .toList(),
        TicketHeaders.names(settings));
  }

  @Test
  void kmsWithKeyAddsTheKeyHeader() {
    SigningSettings settings =
        TestSettings.signing("upload.sse", "aws:kms:dsse", "upload.sse-kms-key-id", "k-1");

    assertEquals(
        List.of(
            "content-type",
            "content-disposition",
            "x-amz-server-side-encryption",
            "x-amz-server-side-encryption-aws-kms-key-id"),
        TicketHeaders.names(settings));
    assertEquals(
        "aws:kms:dsse",
        TicketHeaders.forUpload(settings, Accepted.upload("application/pdf", "a.pdf"))
            .get(TicketHeaders.SSE));
  }

  @Test
  void v2MayCarryASessionToken() {
    assertEquals(
        List.of(
            "content-type",
            "content-disposition",
            "x-amz-server-side-encryption",
            "x-amz-security-token"),
        TicketHeaders.names(TestSettings.signing("upload.signature-version", "v2")));
  }

  @Test
  void neverAWildcard() {
    for (SigningSettings settings :
        List.of(
            TestSettings.signing(),
            TestSettings.signing("upload.sse", "aws:kms"),
            TestSettings.signing("upload.signature-version", "v2"))) {
      assertFalse(TicketHeaders.names(settings).stream().anyMatch(name -> name.contains("*")));
    }
  }
}
