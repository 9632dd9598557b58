package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;

class TicketHeadersTest {

  private static final String CHECKSUM = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";

  private static Map<String, String> withChecksum(SigningSettings settings) {
    return TicketHeaders.forUpload(
        settings,
        new AcceptedUpload("application/pdf", 3, FileNames.of("a.pdf"), Optional.of(CHECKSUM)),
        "alice",
        Accepted.ID);
  }

  @Test
  void aV4TicketCarriesTypeNameEncryptionNoOverwriteChecksumAndWhoseItIs() {
    SigningSettings settings = TestSettings.signing();

    Map<String, String> headers = withChecksum(settings);

    assertEquals(
        List.of(
            "Content-Type",
            "Content-Disposition",
            "x-amz-server-side-encryption",
            "If-None-Match",
            "x-amz-checksum-sha256",
            "x-amz-meta-uploaded-by",
            "x-amz-meta-upload-id"),
        List.copyOf(headers.keySet()));
    assertEquals("AES256", headers.get(TicketHeaders.SSE));
    assertEquals("*", headers.get(TicketHeaders.IF_NONE_MATCH));
    assertEquals(CHECKSUM, headers.get(TicketHeaders.CHECKSUM_SHA256));
    assertEquals("alice", headers.get(TicketHeaders.META_UPLOADED_BY));
    assertEquals(Accepted.ID, headers.get(TicketHeaders.META_UPLOAD_ID));
  }

  @Test
  void withoutAChecksumThereIsNoChecksumHeader() {
    assertFalse(
        Accepted.headers(TestSettings.signing(), "application/pdf", "a.pdf")
            .containsKey(TicketHeaders.CHECKSUM_SHA256));
  }

  @Test
  void v2CannotSignIfNoneMatch() {
    assertFalse(
        withChecksum(TestSettings.signing("upload.signature-version", "v2"))
            .containsKey(TicketHeaders.IF_NONE_MATCH));
  }

  @Test
  void tagsAndStorageClassFromTheSettings() {
    SigningSettings settings =
        TestSettings.signing(
            "upload.object-tags", "classification=internal&team=finance",
            "upload.storage-class", "STANDARD_IA");

    Map<String, String> headers = withChecksum(settings);

    assertEquals("classification=internal&team=finance", headers.get(TicketHeaders.TAGGING));
    assertEquals("STANDARD_IA", headers.get(TicketHeaders.STORAGE_CLASS));
    assertTrue(
        TicketHeaders.names(settings).containsAll(List.of("x-amz-tagging", "x-amz-storage-class")));
  }

  @Test
  void corsNamesAreExactlyEveryHeaderATicketCanCarryInLowerCase() {
    for (SigningSettings settings :
        List.of(
            TestSettings.signing(),
            TestSettings.signing("upload.signature-version", "v2"),
            TestSettings.signing("upload.object-tags", "a=b", "upload.storage-class", "GLACIER_IR"),
            TestSettings.signing("upload.sse", "aws:kms", "upload.sse-kms-key-id", "k-1"))) {
      List<String> carried =
          withChecksum(settings).keySet().stream().map(String::toLowerCase).toList();
      List<String> names = TicketHeaders.names(settings);
      assertEquals(
          names.stream().filter(n -> !n.equals(TicketHeaders.SECURITY_TOKEN)).toList(),
          carried,
          settings.toString());
    }
  }

  @Test
  void kmsWithKeyAddsTheKeyHeader() {
    SigningSettings settings =
        TestSettings.signing("upload.sse", "aws:kms:dsse", "upload.sse-kms-key-id", "k-1");

    assertTrue(
        TicketHeaders.names(settings).contains("x-amz-server-side-encryption-aws-kms-key-id"));
    assertEquals(
        "aws:kms:dsse",
        Accepted.headers(settings, "application/pdf", "a.pdf").get(TicketHeaders.SSE));
  }

  @Test
  void v2MayCarryASessionToken() {
    List<String> names =
        TicketHeaders.names(TestSettings.signing("upload.signature-version", "v2"));

    assertEquals("x-amz-security-token", names.get(names.size() - 1));
    assertFalse(names.contains("if-none-match"));
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
