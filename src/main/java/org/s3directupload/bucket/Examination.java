package org.s3directupload.bucket;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the checks of one doctor run share: the settings the tickets are signed with, the origins,
 * the documents the bucket should hold, the clients, the clock, and the run's canaries.
 *
 * @param http for what the SDK cannot send: preflights, and PUTs exactly as a browser sends them
 */
record Examination(
    SigningSettings settings,
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

  /** A ticket for a fresh canary, signed exactly as a person's ticket is. */
  UploadTicket canaryTicket() {
    return issuer.issueCanary(
        canaries.newKey(),
        new UploadRequest("doctor-canary.txt", canaryType(), CANARY_BYTES.length));
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
