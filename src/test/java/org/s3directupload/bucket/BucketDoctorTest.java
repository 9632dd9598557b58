package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.storage.StorageClients;
import org.s3directupload.testing.SilentServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The doctor facing a store that accepts connections and never answers. */
class BucketDoctorTest {

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));

  @Test
  void aStoreThatNeverAnswersIsSaidNotToAnswerInTimeAndNothingElseIsTried() throws Exception {
    try (SilentServer store = SilentServer.start()) {
      SigningSettings settings =
          TestSettings.signing(
              "upload.endpoint", store.httpAddress().toString(),
              "upload.path-style", "true",
              "upload.store-timeout", "PT1S");
      try (S3Client s3 = StorageClients.newClient(settings.store(), CREDENTIALS)) {
        BucketDoctor cut =
            new BucketDoctor(
                settings,
                MultipartSettings.read(TestSettings.reader(), settings),
                TestSettings.origins(),
                s3,
                TicketIssuer.forSettings(settings, CREDENTIALS, Clock.systemUTC()));

        long started = System.nanoTime();
        List<Finding> findings = cut.examine();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals(BucketReachable.CHECK, finding.check());
        assertEquals(Finding.Status.FAIL, finding.status());
        assertEquals(
            "The store at "
                + store.httpAddress()
                + " (path-style) did not answer within 1 second (upload.store-timeout).",
            finding.observed());
        assertEquals(S3Errors.SLOW_STORE_FIX, finding.fix());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
      }
    }
  }
}
