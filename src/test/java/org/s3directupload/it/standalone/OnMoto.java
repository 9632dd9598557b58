package org.s3directupload.it.standalone;

import java.time.Clock;
import java.util.List;
import org.s3directupload.bucket.BucketDoctor;
import org.s3directupload.bucket.BucketDocuments;
import org.s3directupload.bucket.BucketSetup;
import org.s3directupload.bucket.Finding;
import org.s3directupload.bucket.SetupStep;
import org.s3directupload.config.SettingReader;
import org.s3directupload.config.TestSettings;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.storage.StorageClients;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The application's settings for one bucket on moto (path-style, two https origins, the shipped
 * defaults otherwise), and the bucket tools run with clients built exactly like the application's
 * own, as {@code ./bucket.sh} runs them.
 */
record OnMoto(SigningSettings signing, MultipartSettings multipart, Origins origins) {

  static final String ORIGINS = "https://uploads.example.com,https://intranet.example.com";

  static OnMoto bucket(Moto moto, String bucket, String... more) {
    String[] base = {
      "upload.bucket",
      bucket,
      "upload.endpoint",
      moto.endpoint().toString(),
      "upload.path-style",
      "true",
      "upload.allowed-origins",
      ORIGINS
    };
    String[] kv = new String[base.length + more.length];
    System.arraycopy(base, 0, kv, 0, base.length);
    System.arraycopy(more, 0, kv, base.length, more.length);
    SettingReader reader = TestSettings.reader(kv);
    SigningSettings signing = SigningSettings.read(reader, StoreSettings.read(reader));
    return new OnMoto(signing, MultipartSettings.read(reader, signing), Origins.read(reader));
  }

  private static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(Moto.ACCESS_KEY, Moto.SECRET_KEY));
  }

  BucketDocuments documents() {
    return BucketDocuments.forSettings(signing, multipart, origins);
  }

  List<SetupStep> apply() {
    try (S3Client client = StorageClients.newClient(signing.store(), credentials())) {
      return new BucketSetup(client, signing, multipart, origins).apply();
    }
  }

  /** A ticket for {@code person}'s upload of {@code request}, signed as the application signs. */
  UploadTicket ticket(String person, UploadRequest request) {
    try (S3Client client = StorageClients.newClient(signing.store(), credentials())) {
      TicketIssuer issuer = TicketIssuer.forSettings(signing, credentials(), Clock.systemUTC());
      return issuer.issue(person, issuer.accept(request));
    }
  }

  /** Every check of the doctor, with {@code clock} as this server's time. */
  List<Finding> examine(Clock clock) {
    try (S3Client client = StorageClients.newClient(signing.store(), credentials())) {
      TicketIssuer issuer = TicketIssuer.forSettings(signing, credentials(), clock);
      return new BucketDoctor(signing, multipart, origins, client, issuer, clock).examine();
    }
  }
}
