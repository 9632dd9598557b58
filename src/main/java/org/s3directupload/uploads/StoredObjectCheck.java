package org.s3directupload.uploads;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.s3directupload.words.ByteSizes;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Whether the stored object is what its ticket allowed, judged from the store's {@code HEAD}
 * against the record: its size, encryption (and KMS key), type, checksum and upload id. Each
 * difference is a sentence for a person.
 */
public final class StoredObjectCheck {

  private StoredObjectCheck() {}

  /** What is wrong with the stored object; empty when nothing is. */
  public static List<String> problems(UploadRecord record, HeadObjectResponse head) {
    List<String> problems = new ArrayList<>();
    long size = head.contentLength() == null ? -1 : head.contentLength();
    if (record.size() == UploadRecord.SIZE_NOT_DECLARED) {
      // a form without JavaScript: the policy bounded the size, the store enforced it
      if (size < 1) {
        problems.add("The stored file is empty.");
      }
    } else if (size != record.size()) {
      problems.add(
          "The stored file is "
              + ByteSizes.describe(Math.max(size, 0))
              + ", not the "
              + ByteSizes.describe(record.size())
              + " declared.");
    }
    String encryption = head.serverSideEncryptionAsString();
    if (!record.encryption().equals(encryption)) {
      problems.add(
          "The stored file is not encrypted with "
              + record.encryption()
              + " (the store reports "
              + Objects.toString(encryption, "no encryption")
              + ").");
    } else if (record.kmsKeyId().filter(k -> k.startsWith("arn:")).isPresent()
        && !record.kmsKeyId().get().equals(head.ssekmsKeyId())) {
      problems.add("The stored file is encrypted with another KMS key than the one configured.");
    }
    if (head.contentType() == null || !record.contentType().equalsIgnoreCase(head.contentType())) {
      problems.add(
          "The stored file's type is "
              + Objects.toString(head.contentType(), "not given")
              + ", not the "
              + record.contentType()
              + " declared.");
    }
    if (record.checksumSha256().isPresent()
        && !record.checksumSha256().get().equals(head.checksumSHA256())) {
      problems.add(
          head.checksumSHA256() == null
              ? "The store reports no SHA-256 for the stored file, though one was declared."
              : "The stored file's SHA-256 differs from the one the page declared.");
    }
    String uploadId = head.metadata() == null ? null : head.metadata().get("upload-id");
    if (!record.id().equals(uploadId)) {
      problems.add("The stored file was not uploaded with this upload's ticket.");
    }
    return problems;
  }
}
