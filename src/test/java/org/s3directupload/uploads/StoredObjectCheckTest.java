package org.s3directupload.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.s3directupload.uploads.UploadRecord.State;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class StoredObjectCheckTest {

  static final String ID = "0b5c8a1e-3f4d-4c2b-9a7e-6d5f4e3c2b1a";
  static final String CHECKSUM = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";

  static UploadRecord record(Optional<String> kmsKeyId, String encryption) {
    Instant at = Instant.parse("2026-12-01T12:00:00Z");
    return new UploadRecord(
        ID,
        "alice",
        "uploads/alice/2026/12/01/" + ID + "/a.pdf",
        "a.pdf",
        "application/pdf",
        3,
        Optional.of(CHECKSUM),
        "v4",
        encryption,
        kmsKeyId,
        at,
        at.plusSeconds(600),
        State.ISSUED,
        at,
        List.of());
  }

  private static HeadObjectResponse.Builder asUploaded() {
    return HeadObjectResponse.builder()
        .contentLength(3L)
        .serverSideEncryption("AES256")
        .contentType("application/pdf")
        .checksumSHA256(CHECKSUM)
        .metadata(Map.of("upload-id", ID, "uploaded-by", "alice"));
  }

  @Test
  void anObjectAsTheTicketAllowedHasNoProblem() {
    assertEquals(
        List.of(),
        StoredObjectCheck.problems(record(Optional.empty(), "AES256"), asUploaded().build()));
  }

  @Test
  void everyDifferenceIsNamed() {
    HeadObjectResponse overwritten =
        HeadObjectResponse.builder()
            .contentLength(5000L)
            .contentType("text/html")
            .metadata(Map.of())
            .build();

    assertEquals(
        List.of(
            "The stored file is 4.9 KB (5000 bytes), not the 3 bytes declared.",
            "The stored file is not encrypted with AES256 (the store reports no encryption).",
            "The stored file's type is text/html, not the application/pdf declared.",
            "The store reports no SHA-256 for the stored file, though one was declared.",
            "The stored file was not uploaded with this upload's ticket."),
        StoredObjectCheck.problems(record(Optional.empty(), "AES256"), overwritten));
  }

  @Test
  void anotherChecksumIsNamed() {
    assertEquals(
        List.of("The stored file's SHA-256 differs from the one the page declared."),
        StoredObjectCheck.problems(
            record(Optional.empty(), "AES256"),
            asUploaded().checksumSHA256("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=").build()));
  }

  @Test
  void aKmsKeyGivenAsArnMustBeTheOneUsed() {
    String arn = "arn:aws:kms:eu-central-1:111122223333:key/1";
    UploadRecord kms = record(Optional.of(arn), "aws:kms");

    assertEquals(
        List.of(),
        StoredObjectCheck.problems(
            kms, asUploaded().serverSideEncryption("aws:kms").ssekmsKeyId(arn).build()));
    assertEquals(
        List.of("The stored file is encrypted with another KMS key than the one configured."),
        StoredObjectCheck.problems(
            kms,
            asUploaded()
                .serverSideEncryption("aws:kms")
                .ssekmsKeyId("arn:aws:kms:eu-central-1:111122223333:key/2")
                .build()));
  }

  private static UploadRecord formRecord() {
    UploadRecord declared = record(Optional.empty(), "AES256");
    return new UploadRecord(
        declared.id(),
        declared.person(),
        declared.key(),
        "upload.pdf",
        declared.contentType(),
        UploadRecord.SIZE_NOT_DECLARED,
        Optional.empty(),
        declared.signatureVersion(),
        declared.encryption(),
        declared.kmsKeyId(),
        declared.issuedAt(),
        declared.expiresAt(),
        declared.state(),
        declared.updatedAt(),
        List.of());
  }

  @Test
  void aFormWithoutDeclaredSizeAcceptsAnyStoredSizeButNone() {
    assertEquals(
        List.of(),
        StoredObjectCheck.problems(formRecord(), asUploaded().contentLength(123_456L).build()));
    assertEquals(
        List.of("The stored file is empty."),
        StoredObjectCheck.problems(formRecord(), asUploaded().contentLength(0L).build()));
  }
}
