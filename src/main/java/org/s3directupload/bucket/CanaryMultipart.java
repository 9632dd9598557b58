package org.s3directupload.bucket;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.s3directupload.signing.MultipartStart;
import org.s3directupload.signing.PartTicket;
import org.s3directupload.signing.UploadMethod;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a person's upload in parts does, done by the doctor with a canary in one part (the only part
 * may be smaller than 5 MiB): {@code CreateMultipartUpload} with the application's credentials and
 * the headers a person's upload is started with, the part sent through a URL signed for it with
 * exactly its headers and the page's origin, {@code ListParts}, {@code CompleteMultipartUpload}
 * with {@code If-None-Match: *}, then a HEAD of what was stored (its encryption). An upload that is
 * not completed is aborted; the object goes with the run's other canaries.
 */
final class CanaryMultipart implements DoctorCheck {

  static final String CHECK = "canary-multipart";
  static final String EXPOSE_CHECK = "cors-expose-etag-part";

  static final String WHY =
      "This is what a person's upload in parts does: the application starts and completes it with"
          + " its own credentials, and the browser sends each part through a URL signed for it,"
          + " with exactly its headers.";

  static final String NOT_USED =
      "Uploads in parts are not used with upload.method=post: every file is one form upload, which"
          + " the canary upload checks.";

  private static final String EXPOSE_WHY =
      "The page must read each part's ETag from the store's answer: the upload is completed with"
          + " the ETag of every part, so without it no upload in parts can finish.";

  /** The steps of an upload in parts, in the words of the S3 API. */
  enum Step {
    CREATE("CreateMultipartUpload", "made with the application's credentials"),
    UPLOAD_PART("UploadPart", "for a part signed exactly like a person's"),
    LIST_PARTS("ListParts", "made with the application's credentials"),
    COMPLETE(
        "CompleteMultipartUpload", "made with the application's credentials and If-None-Match");

    final String operation;
    final String how;

    Step(String operation, String how) {
      this.operation = operation;
      this.how = how;
    }
  }

  @Override
  public String name() {
    return CHECK;
  }

  @Override
  public List<Finding> examine(Examination exam) throws IOException, InterruptedException {
    if (exam.settings().method() == UploadMethod.POST) {
      return List.of(Finding.ok(CHECK, NOT_USED, WHY));
    }
    MultipartStart start = exam.canaryMultipart();
    exam.canaries().attempt(start.key());
    String uploadId;
    try {
      uploadId = exam.s3().createMultipartUpload(start.createRequest(exam.bucket())).uploadId();
    } catch (S3Exception e) {
      return List.of(refused(Step.CREATE, "HTTP " + S3Errors.describe(e), exam));
    }
    List<Finding> findings = new ArrayList<>();
    boolean completed = false;
    try {
      completed = sendAndComplete(exam, start, uploadId, findings);
    } finally {
      if (!completed) {
        abort(exam, start.key(), uploadId).ifPresent(findings::add);
      }
    }
    return findings;
  }

  /** Part 1, listed and completed; false (with a finding saying why) when a step failed. */
  private static boolean sendAndComplete(
      Examination exam, MultipartStart start, String uploadId, List<Finding> findings)
      throws IOException, InterruptedException {
    PartTicket part =
        exam.issuer()
            .signPart(
                start.key(),
                uploadId,
                1,
                Examination.CANARY_BYTES.length,
                Examination.CANARY_SHA256);
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(part.url()))
            .timeout(exam.timeout())
            .PUT(HttpRequest.BodyPublishers.ofByteArray(Examination.CANARY_BYTES));
    part.headers().forEach(put::header);
    exam.origins().allowed().stream().findFirst().ifPresent(o -> put.header("Origin", o));
    HttpResponse<String> answer =
        exam.http().send(put.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      findings.add(
          refused(
              Step.UPLOAD_PART,
              ("HTTP " + answer.statusCode() + " " + S3Errors.code(answer.body())).strip(),
              exam));
      return false;
    }
    findings.add(exposesEtag(answer));
    Optional<Part> listed;
    try {
      listed =
          exam
              .s3()
              .listParts(b -> b.bucket(exam.bucket()).key(start.key()).uploadId(uploadId))
              .parts()
              .stream()
              .filter(p -> p.partNumber() == 1)
              .findFirst();
    } catch (S3Exception e) {
      findings.add(0, refused(Step.LIST_PARTS, "HTTP " + S3Errors.describe(e), exam));
      return false;
    }
    String answered = answer.headers().firstValue("ETag").orElse("none");
    if (listed.isEmpty() || !answered.equals(listed.get().eTag())) {
      findings.add(0, unlisted(answered, listed.map(Part::eTag)));
      return false;
    }
    Part stored = listed.get();
    String versionId;
    try {
      versionId =
          exam.s3()
              .completeMultipartUpload(
                  b ->
                      b.bucket(exam.bucket())
                          .key(start.key())
                          .uploadId(uploadId)
                          .ifNoneMatch("*")
                          .multipartUpload(
                              m ->
                                  m.parts(
                                      CompletedPart.builder()
                                          .partNumber(1)
                                          .eTag(stored.eTag())
                                          .checksumSHA256(stored.checksumSHA256())
                                          .build())))
              .versionId();
    } catch (S3Exception e) {
      findings.add(0, refused(Step.COMPLETE, "HTTP " + S3Errors.describe(e), exam));
      return false;
    }
    exam.canaries().written(start.key(), versionId);
    findings.add(0, storedEncrypted(exam, start.key()));
    return true;
  }

  /** A step the store refused: which, how it was made, the status and code, and what to look at. */
  static Finding refused(Step step, String answer, Examination exam) {
    return Finding.fail(
        CHECK,
        "The store refused " + step.operation + " " + step.how + ": " + answer + ".",
        WHY,
        fix(step, exam.store().sse().usesKms(), exam.canaries().area()));
  }

  /** What to look at when {@code step} is refused. */
  static String fix(Step step, boolean kms, String area) {
    String noEncryptionHeader =
        step.operation
            + " is authorized as s3:PutObject but carries no encryption header: the encryption is"
            + " set once, on CreateMultipartUpload. A bucket-policy statement that denies"
            + " s3:PutObject when x-amz-server-side-encryption is missing or different matches it"
            + " too; limit such a statement so that it leaves the steps after"
            + " CreateMultipartUpload alone.";
    String conditionalWrites =
        " A policy that requires If-None-Match on s3:PutObject must exempt CreateMultipartUpload"
            + " and UploadPart, which cannot carry it, with the s3:ObjectCreationOperation"
            + " condition key (AWS: \"Enforce conditional writes\").";
    String kmsKey =
        kms
            ? " With KMS encryption the application's credentials also need kms:GenerateDataKey"
                + " and kms:Decrypt on the key for uploads in parts."
            : "";
    return switch (step) {
      case CREATE ->
          "AccessDenied: let the application's credentials write under "
              + area
              + " (s3:PutObject), and look at the bucket policy."
              + conditionalWrites
              + kmsKey;
      case UPLOAD_PART ->
          "AccessDenied: "
              + noEncryptionHeader
              + conditionalWrites
              + kmsKey
              + " SignatureDoesNotMatch: check the credentials and upload.region;"
              + " RequestTimeTooSkewed: the clocks.";
      case LIST_PARTS ->
          "Let the application's credentials list the parts of uploads in progress"
              + " (s3:ListMultipartUploadParts): the application lists them to complete every"
              + " upload in parts.";
      case COMPLETE ->
          "AccessDenied: "
              + noEncryptionHeader
              + " It does carry If-None-Match: *, so a policy that requires that header lets it"
              + " through. PreconditionFailed: an object already had the canary's key; run the"
              + " doctor again.";
    };
  }

  private static Finding unlisted(String answered, Optional<String> listed) {
    return Finding.fail(
        CHECK,
        listed.isEmpty()
            ? "The store accepted the canary's part, but ListParts does not list it."
            : "The store answered UploadPart with ETag "
                + answered
                + ", but ListParts lists the part with ETag "
                + listed.get()
                + ".",
        WHY,
        "The application completes an upload only with the ETags the page was given, as the store"
            + " lists them: with this store no upload in parts can finish. Use a store whose"
            + " UploadPart answer and ListParts agree.");
  }

  private static Finding exposesEtag(HttpResponse<String> answer) {
    if (CanaryUpload.exposesEtagTo(answer)) {
      return Finding.ok(
          EXPOSE_CHECK, "The store exposes a part's ETag to the page's origin.", EXPOSE_WHY);
    }
    return Finding.fail(
        EXPOSE_CHECK,
        "The store's answer to a cross-origin part upload does not expose ETag"
            + " (Access-Control-Expose-Headers: "
            + CanaryUpload.exposedHeaders(answer)
            + ").",
        EXPOSE_WHY,
        CanaryUpload.EXPOSE_ETAG_FIX);
  }

  private static Finding storedEncrypted(Examination exam, String key) {
    String wanted = exam.store().sse().headerValue();
    String sse;
    try {
      sse =
          exam.s3()
              .headObject(b -> b.bucket(exam.bucket()).key(key))
              .serverSideEncryptionAsString();
    } catch (S3Exception e) {
      return Finding.fail(
          CHECK,
          "The canary was uploaded in parts, but reading it back failed: "
              + S3Errors.describe(e)
              + ".",
          WHY,
          "Let the application's credentials read objects under "
              + exam.canaries().area()
              + " (s3:GetObject).");
    }
    if (wanted.equals(sse)) {
      return Finding.ok(
          CHECK,
          "A canary uploaded in parts (started, one part sent through a signed URL, listed and"
              + " completed) was stored with encryption "
              + sse
              + ".",
          WHY);
    }
    return Finding.fail(
        CHECK,
        "A canary uploaded in parts was stored with encryption "
            + Objects.toString(sse, "none")
            + ", not "
            + wanted
            + ".",
        WHY,
        "The store ignores the encryption CreateMultipartUpload asked for: configure encryption at"
            + " rest in the store, or use a store that implements SSE for uploads in parts.");
  }

  /**
   * Aborts an upload the check did not complete, so that no part is left in the bucket; says so
   * when that fails. An upload the store no longer has needs nothing.
   */
  private static Optional<Finding> abort(Examination exam, String key, String uploadId) {
    try {
      exam.s3().abortMultipartUpload(b -> b.bucket(exam.bucket()).key(key).uploadId(uploadId));
      return Optional.empty();
    } catch (NoSuchUploadException e) {
      return Optional.empty();
    } catch (SdkException e) {
      return Optional.of(
          Finding.warn(
              "canary-cleanup",
              "The canary's unfinished upload in parts under "
                  + key
                  + " could not be aborted: "
                  + (e instanceof S3Exception s3e ? S3Errors.describe(s3e) : e.getMessage())
                  + ".",
              "Its part stays in the bucket, billed and in no listing, until a lifecycle rule"
                  + " aborts it.",
              "Let the application's credentials abort uploads under "
                  + exam.canaries().area()
                  + " (s3:AbortMultipartUpload), and check lifecycle-abort-incomplete."));
    }
  }
}
