package org.s3directupload.bucket;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.s3directupload.signing.UploadMethod;
import org.s3directupload.signing.UploadTicket;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;

/**
 * Whether the bucket itself refuses an unencrypted write: a PUT without the encryption header,
 * signed with the application's own credentials (the path a ticket cannot take, but other tools
 * can). When the store accepts it, the probe also shows whether the store's encryption reports can
 * be trusted: an object written without encryption, in a bucket without default encryption, must
 * not come back "encrypted". With {@code upload.method=post} it also posts a form without the
 * encryption field, signed by the application: the policy's deny must cover form uploads too.
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

  static final String FORM_CHECK = "policy-enforces-encryption-form";

  private static final String FORM_WHY =
      "A form upload is an s3:PutObject like a PUT; the policy's encryption deny must refuse a"
          + " form that does not ask for encryption, as it refuses such a PUT.";

  @Override
  public List<Finding> examine(Examination exam) {
    List<Finding> findings = new ArrayList<>(examinePut(exam));
    if (exam.settings().method() == UploadMethod.POST) {
      findings.add(examineForm(exam));
    }
    return findings;
  }

  /**
   * A form without the encryption field, signed by the application as a canary: the bucket policy
   * must refuse it, which shows that its deny covers POST uploads.
   */
  private static Finding examineForm(Examination exam) {
    UploadTicket form = exam.unencryptedCanaryForm();
    exam.canaries().attempt(form.key());
    HttpResponse<String> response;
    try {
      response =
          exam.http()
              .send(
                  FormBodies.post(
                          URI.create(form.url()),
                          form.fields(),
                          Examination.CANARY_BYTES,
                          exam.timeout())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Finding.warn(
          FORM_CHECK, "The store did not answer the form without encryption.", FORM_WHY, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.warn(FORM_CHECK, "The check was interrupted.", FORM_WHY, "");
    }
    if (response.statusCode() == 403 && "AccessDenied".equals(S3Errors.code(response.body()))) {
      return Finding.ok(
          FORM_CHECK,
          "A form without the encryption field was refused (403 AccessDenied).",
          FORM_WHY);
    }
    if (response.statusCode() / 100 == 2) {
      exam.canaries()
          .written(form.key(), response.headers().firstValue("x-amz-version-id").orElse(null));
      return Finding.fail(
          FORM_CHECK,
          "A form without the encryption field, signed with the application's credentials, was"
              + " accepted (HTTP "
              + response.statusCode()
              + "): nothing in the bucket refuses unencrypted form uploads.",
          FORM_WHY,
          "Apply the bucket policy; its deny is about s3:PutObject, which covers forms. A store"
              + " without bucket policies cannot refuse them. The policy: "
              + exam.documents().policy());
    }
    return Finding.warn(
        FORM_CHECK,
        "A form without the encryption field failed with HTTP "
            + response.statusCode()
            + " "
            + S3Errors.code(response.body())
            + ", which does not show whether the policy refused it.",
        FORM_WHY,
        "Look at the canary upload's finding first, then run the doctor again.");
  }

  private List<Finding> examinePut(Examination exam) {
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
