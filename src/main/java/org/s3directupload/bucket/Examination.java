package org.s3directupload.bucket;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.MultipartStart;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the checks of one doctor run share: the settings the tickets are signed with, the multipart
 * settings, the origins, the documents the bucket should hold, the clients, the clock, and the
 * run's canaries.
 *
 * @param http for what the SDK cannot send: preflights, and PUTs exactly as a browser sends them
 */
record Examination(
    SigningSettings settings,
    MultipartSettings multipart,
    Origins origins,
    BucketDocuments documents,
    S3Client s3,
    TicketIssuer issuer,
    HttpClient http,
    Clock clock,
    Canaries canaries) {

  /** What every canary holds. */
  static final byte[] CANARY_BYTES =
      "S3 Direct Upload doctor canary; deleted at once.\n".getBytes(StandardCharsets.US_ASCII);

  StoreSettings store() {
    return settings.store();
  }

  String bucket() {
    return settings.store().bucket();
  }

  /**
   * How long one of the run's own requests (a preflight, the canary's PUT) waits for its answer:
   * {@code upload.store-timeout}, as long as one call of the SDK's client. These requests are not
   * retried.
   */
  Duration timeout() {
    return settings.store().timeouts().call();
  }

  /** A ticket for a fresh canary, signed exactly as a person's ticket is. */
  UploadTicket canaryTicket() {
    return issuer.issueCanary(
        canaries.newKey(),
        new UploadRequest(
            "doctor-canary.txt", canaryType(), CANARY_BYTES.length, Optional.of(CANARY_SHA256)));
  }

  /**
   * A multipart upload of a fresh canary in one part, started exactly as a person's upload in parts
   * is started ({@code upload.method=put} only).
   */
  MultipartStart canaryMultipart() {
    return issuer.startCanaryMultipart(
        canaries.newKey(),
        new UploadRequest("doctor-canary.txt", canaryType(), CANARY_BYTES.length),
        multipart.partSize());
  }

  /**
   * A form for a fresh canary without the encryption field, which the bucket policy must refuse
   * ({@code upload.method=post} only).
   */
  UploadTicket unencryptedCanaryForm() {
    return issuer.issueUnencryptedCanaryForm(
        canaries.newKey(),
        new UploadRequest(
            "doctor-canary.txt", canaryType(), CANARY_BYTES.length, Optional.of(CANARY_SHA256)));
  }

  /** The canary's SHA-256, declared like a page's, so its PUT carries every ticket header. */
  static final String CANARY_SHA256 = sha256(CANARY_BYTES);

  private static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** An allowed type for the canary: the first allowed pattern, made concrete. */
  private String canaryType() {
    String pattern = settings.allowedContentTypes().patterns().get(0);
    if (pattern.equals("*/*")) {
      return "application/octet-stream";
    }
    return pattern.endsWith("/*") ? pattern.replace("*", "x-doctor-canary") : pattern;
  }

  /** How to apply the bucket documents, for fixes. */
  static String applyHint() {
    return "Apply the bucket documents: POST /api/bucket/setup, ./bucket.sh apply, or your own"
        + " tools with GET /api/bucket/setup.";
  }
}
