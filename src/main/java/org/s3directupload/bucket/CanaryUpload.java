package org.s3directupload.bucket;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.s3directupload.signing.UploadTicket;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a person's upload does, done by the doctor: a PUT through a real ticket with exactly its
 * headers (or, with {@code upload.method=post}, the ticket's form with exactly its fields) and the
 * page's origin, then a HEAD of what was stored (its encryption), and whether the store's answer
 * lets the page read {@code ETag}.
 */
final class CanaryUpload implements DoctorCheck {

  static final String CHECK = "canary-upload";

  private static final String WHY =
      "This is what a person's upload does: a PUT (or POST) through a real ticket, with exactly"
          + " its headers (or fields).";

  @Override
  public String name() {
    return CHECK;
  }

  @Override
  public List<Finding> examine(Examination exam) throws IOException, InterruptedException {
    UploadTicket canary = exam.canaryTicket();
    exam.canaries().attempt(canary.key());
    HttpRequest.Builder put;
    if (canary.isPost()) {
      put =
          FormBodies.post(
              URI.create(canary.url()), canary.fields(), Examination.CANARY_BYTES, exam.timeout());
    } else {
      put =
          HttpRequest.newBuilder(URI.create(canary.url()))
              .timeout(exam.timeout())
              .PUT(HttpRequest.BodyPublishers.ofByteArray(Examination.CANARY_BYTES));
      canary.headers().forEach(put::header);
    }
    exam.origins().allowed().stream().findFirst().ifPresent(o -> put.header("Origin", o));
    HttpResponse<String> response =
        exam.http().send(put.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      return List.of(
          Finding.fail(
              CHECK,
              "The canary "
                  + canary.method()
                  + " through a ticket was refused: HTTP "
                  + response.statusCode()
                  + " "
                  + S3Errors.code(response.body())
                  + ".",
              WHY,
              "SignatureDoesNotMatch: check the credentials and upload.region;"
                  + " AccessDenied: the bucket policy or the signer's permissions;"
                  + " RequestTimeTooSkewed: the clocks."));
    }
    exam.canaries()
        .written(canary.key(), response.headers().firstValue("x-amz-version-id").orElse(null));
    return List.of(storedEncrypted(exam, canary.key()), exposesEtag(response));
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
          "The canary was sent, but reading it back failed: " + S3Errors.describe(e) + ".",
          WHY,
          "Let the application's credentials read objects under "
              + exam.canaries().area()
              + " (s3:GetObject).");
    }
    if (wanted.equals(sse)) {
      return Finding.ok(
          CHECK, "A canary uploaded through a ticket was stored with encryption " + sse + ".", WHY);
    }
    return Finding.fail(
        CHECK,
        "A canary uploaded through a ticket was stored with encryption "
            + Objects.toString(sse, "none")
            + ", not "
            + wanted
            + ".",
        WHY,
        "The store ignores the encryption header: configure encryption at rest in the store, or"
            + " use a store that implements SSE.");
  }

  private static Finding exposesEtag(HttpResponse<String> response) {
    String check = "cors-expose-etag";
    String why = "The page reads ETag from the store's answer to confirm what was stored.";
    if (exposesEtagTo(response)) {
      return Finding.ok(check, "The store exposes ETag to the page's origin.", why);
    }
    return Finding.warn(
        check,
        "The store's answer to a cross-origin upload does not expose ETag"
            + " (Access-Control-Expose-Headers: "
            + exposedHeaders(response)
            + ").",
        why,
        EXPOSE_ETAG_FIX);
  }

  static final String EXPOSE_ETAG_FIX = "Add ETag to the ExposeHeaders of the bucket's CORS rule.";

  /** Whether the store's answer to a cross-origin request lets the page read its ETag. */
  static boolean exposesEtagTo(HttpResponse<?> response) {
    List<String> exposed =
        Arrays.stream(exposedHeaders(response).split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .toList();
    return exposed.contains("etag") || exposed.contains("*");
  }

  /** The answer's {@code Access-Control-Expose-Headers}, or "absent". */
  static String exposedHeaders(HttpResponse<?> response) {
    return response.headers().firstValue("Access-Control-Expose-Headers").orElse("absent");
  }
}
