package org.s3directupload.bucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;

/**
 * Whether the bucket itself refuses an unencrypted write: a PUT without the encryption header,
 * signed with the application's own credentials (the path a ticket cannot take, but other tools
 * can). When the store accepts it, the probe also shows whether the store's encryption reports can
 * be trusted: an object written without encryption, in a bucket without default encryption, must
 * not come back "encrypted".
 */
final class EncryptionEnforced implements DoctorCheck {

  static final String CHECK = "policy-enforces-encryption";
  static final String REPORTS = "encryption-reports";

  private static final String WHY =
      "Tickets cannot skip encryption, but other credentials can; a bucket policy that denies"
          + " unencrypted PutObject closes that path.";
  private static final String REPORTS_WHY =
      "The canary and the verification of uploads read the encryption the store reports; a store"
          + " that reports encryption nobody asked for makes that report worthless.";

  @Override
  public String name() {
    return CHECK;
  }

  @Override
  public List<Finding> examine(Examination exam) {
    String key = exam.canaries().newKey();
    exam.canaries().attempt(key);
    try {
      String versionId =
          exam.s3()
              .putObject(
                  b -> b.bucket(exam.bucket()).key(key).contentType("text/plain"),
                  RequestBody.fromBytes(Examination.CANARY_BYTES))
              .versionId();
      exam.canaries().written(key, versionId);
    } catch (S3Exception e) {
      if (e.statusCode() == 403 && "AccessDenied".equals(S3Errors.code(e))) {
        return List.of(
            Finding.ok(
                CHECK, "A PUT without the encryption header was refused (403 AccessDenied).", WHY));
      }
      return List.of(
          Finding.warn(
              CHECK,
              "A PUT without the encryption header failed with "
                  + S3Errors.describe(e)
                  + ", which does not show whether the policy refused it.",
              WHY,
              "Look at the other findings (clock, canary upload) first, then run the doctor"
                  + " again."));
    } catch (SdkClientException e) {
      return List.of(
          Finding.warn(
              CHECK,
              "The store " + S3Errors.noAnswer(e, exam.store().timeouts()) + " for this PUT.",
              WHY,
              ""));
    }
    List<Finding> findings = new ArrayList<>();
    findings.add(accepted(exam));
    reportsFinding(exam, key).ifPresent(findings::add);
    return findings;
  }

  private static Finding accepted(Examination exam) {
    String policy;
    try {
      exam.s3().getBucketPolicy(b -> b.bucket(exam.bucket()));
      policy = "The bucket has a policy, but it does not deny this.";
    } catch (S3Exception e) {
      policy =
          e.statusCode() == 501
              ? "The store does not implement bucket policies (501)."
              : "The bucket has no policy (" + S3Errors.describe(e) + ").";
    }
    return Finding.fail(
        CHECK,
        "A PUT without the encryption header, signed with the application's credentials, was"
            + " accepted: nothing in the bucket refuses unencrypted writes. "
            + policy,
        WHY,
        "Apply the bucket policy (POST /api/bucket/setup, ./bucket.sh apply or server-config/)."
            + " A store without bucket policies (apply says not-supported; S3Proxy is one) cannot"
            + " refuse them: there, restrict who holds write credentials for it. The policy: "
            + exam.documents().policy());
  }

  /** What the store reports for the object it was not asked to encrypt. */
  private static Optional<Finding> reportsFinding(Examination exam, String key) {
    String reported;
    Optional<ServerSideEncryptionByDefault> byDefault;
    try {
      reported =
          exam.s3()
              .headObject(b -> b.bucket(exam.bucket()).key(key))
              .serverSideEncryptionAsString();
      byDefault = BucketDefaults.defaultEncryption(exam);
    } catch (S3Exception e) {
      return Optional.of(
          Finding.warn(
              REPORTS,
              "Whether the store reports encryption truthfully could not be seen ("
                  + S3Errors.describe(e)
                  + ").",
              REPORTS_WHY,
              "Let the application's credentials read objects and the bucket's encryption."));
    }
    if (reported == null) {
      return Optional.of(
          Finding.ok(
              REPORTS,
              "An object written without encryption is reported as unencrypted.",
              REPORTS_WHY));
    }
    if (byDefault.isPresent() && reported.equals(byDefault.get().sseAlgorithmAsString())) {
      return Optional.of(
          Finding.ok(
              REPORTS,
              "An object written without encryption is reported as "
                  + reported
                  + ", which is the bucket's default encryption.",
              REPORTS_WHY));
    }
    return Optional.of(
        Finding.fail(
            REPORTS,
            "An object written without encryption is reported as "
                + reported
                + ", although the bucket's default encryption is "
                + byDefault.map(ServerSideEncryptionByDefault::sseAlgorithmAsString).orElse("none")
                + ": this store reports encryption it was not asked for, so its reports (the"
                + " canary's included) cannot be trusted.",
            REPORTS_WHY,
            "Check encryption at rest in the store itself. S3Proxy's in-memory store, for one,"
                + " reports AES256 for every object: use it for development only."));
  }
}
