package org.s3directupload.bucket;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.signing.TicketIssuer;
import software.amazon.awssdk.services.s3.S3Client;

/** Runs the doctor with the application's clients and a fresh HTTP client for the raw requests. */
final class Doctors {

  private Doctors() {}

  static List<Finding> examine(UploadSettings settings, S3Client s3, TicketIssuer issuer) {
    return doctor(settings, s3, issuer).examine();
  }

  static List<Finding> readiness(UploadSettings settings, S3Client s3, TicketIssuer issuer) {
    return doctor(settings, s3, issuer).readiness();
  }

  private static BucketDoctor doctor(UploadSettings settings, S3Client s3, TicketIssuer issuer) {
    // a client per run, dropped afterwards: its selector thread ends once the client is collected,
    // so nothing of a run holds on to the application after an undeploy
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new BucketDoctor(settings, s3, issuer, http, Clock.systemUTC());
  }
}
