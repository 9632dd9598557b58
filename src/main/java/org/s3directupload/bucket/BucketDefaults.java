package org.s3directupload.bucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;

/**
 * The two checks of what the bucket does by itself, whatever writes to it: default encryption and
 * the public-access block. Both read a bucket setting; a store that does not implement it, or
 * credentials that may not read it, are a warning with what to check instead.
 */
final class BucketDefaults {

  private BucketDefaults() {}

  /** The bucket's default encryption; empty when it has none. */
  static Optional<ServerSideEncryptionByDefault> defaultEncryption(Examination exam) {
    try {
      var rules =
          exam.s3()
              .getBucketEncryption(b -> b.bucket(exam.bucket()))
              .serverSideEncryptionConfiguration()
              .rules();
      return rules.isEmpty()
          ? Optional.empty()
          : Optional.ofNullable(rules.get(0).applyServerSideEncryptionByDefault());
    } catch (S3Exception e) {
      if ("ServerSideEncryptionConfigurationNotFoundError".equals(S3Errors.code(e))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Default encryption as the tickets ask for it. */
  static final class DefaultEncryption implements DoctorCheck {

    static final String CHECK = "default-encryption";

    private static final String WHY =
        "Default encryption covers objects written by other tools, outside the tickets.";

    @Override
    public String name() {
      return CHECK;
    }

    @Override
    public List<Finding> examine(Examination exam) {
      Optional<ServerSideEncryptionByDefault> found;
      try {
        found = defaultEncryption(exam);
      } catch (S3Exception e) {
        return List.of(unreadable(CHECK, WHY, e, "default encryption"));
      }
      if (found.isEmpty()) {
        return List.of(
            Finding.fail(
                CHECK, "The bucket has no default encryption.", WHY, Examination.applyHint()));
      }
      ServerSideEncryptionByDefault byDefault = found.get();
      String wanted = exam.store().sse().headerValue();
      Optional<String> wantedKey = exam.store().sseKmsKeyId();
      if (!wanted.equals(byDefault.sseAlgorithmAsString())
          || (wantedKey.isPresent() && !wantedKey.get().equals(byDefault.kmsMasterKeyID()))) {
        return List.of(
            Finding.warn(
                CHECK,
                "Default encryption is "
                    + byDefault.sseAlgorithmAsString()
                    + Optional.ofNullable(byDefault.kmsMasterKeyID())
                        .map(k -> " with key " + k)
                        .orElse("")
                    + ", the tickets ask for "
                    + wanted
                    + wantedKey.map(k -> " with key " + k).orElse("")
                    + ".",
                WHY,
                Examination.applyHint()));
      }
      return List.of(
          Finding.ok(
              CHECK, "Default encryption is " + byDefault.sseAlgorithmAsString() + ".", WHY));
    }
  }

  /** All four public-access blocks on. */
  static final class PublicAccessBlock implements DoctorCheck {

    static final String CHECK = "public-access-block";

    private static final String WHY =
        "The public-access block stops any later ACL or policy from opening the bucket.";

    @Override
    public String name() {
      return CHECK;
    }

    @Override
    public List<Finding> examine(Examination exam) {
      PublicAccessBlockConfiguration block;
      try {
        block =
            exam.s3()
                .getPublicAccessBlock(b -> b.bucket(exam.bucket()))
                .publicAccessBlockConfiguration();
      } catch (S3Exception e) {
        if ("NoSuchPublicAccessBlockConfiguration".equals(S3Errors.code(e))) {
          return List.of(
              Finding.warn(
                  CHECK,
                  "The bucket has no public-access block of its own.",
                  WHY,
                  "If your AWS account blocks public access for all buckets, that covers this"
                      + " one; otherwise "
                      + Examination.applyHint().substring(0, 1).toLowerCase(Locale.ROOT)
                      + Examination.applyHint().substring(1)));
        }
        return List.of(unreadable(CHECK, WHY, e, "public-access block"));
      }
      List<String> off = new ArrayList<>();
      if (!Boolean.TRUE.equals(block.blockPublicAcls())) {
        off.add("BlockPublicAcls");
      }
      if (!Boolean.TRUE.equals(block.ignorePublicAcls())) {
        off.add("IgnorePublicAcls");
      }
      if (!Boolean.TRUE.equals(block.blockPublicPolicy())) {
        off.add("BlockPublicPolicy");
      }
      if (!Boolean.TRUE.equals(block.restrictPublicBuckets())) {
        off.add("RestrictPublicBuckets");
      }
      if (off.isEmpty()) {
        return List.of(Finding.ok(CHECK, "All four public-access blocks are on.", WHY));
      }
      return List.of(
          Finding.fail(
              CHECK, "Off: " + String.join(", ", off) + ".", WHY, Examination.applyHint()));
    }
  }

  /** A bucket setting the store would not show. */
  private static Finding unreadable(String check, String why, S3Exception e, String what) {
    if (e.statusCode() == 501) {
      return Finding.warn(
          check,
          "The store does not implement the " + what + " (501).",
          why,
          "Configure the equivalent in the store itself.");
    }
    return Finding.warn(
        check,
        "The " + what + " could not be read (" + S3Errors.describe(e) + ").",
        why,
        "Let the application's credentials read it, or check it with your own tools.");
  }
}
