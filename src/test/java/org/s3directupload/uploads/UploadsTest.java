package org.s3directupload.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;
import org.s3directupload.errors.ErrorCode;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.storage.StorageClients;
import org.s3directupload.testing.SilentServer;
import org.s3directupload.uploads.UploadRecord.State;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code complete} when the store cannot answer: the records on H2 in memory, the store a real
 * socket that never answers or a port nobody listens on.
 */
class UploadsTest {

  private static final String ID = "6f1d2c3b-4a59-4e8f-9d0c-1b2a3c4d5e6f";

  private JdbcDataSource database;

  @BeforeEach
  void anIssuedUpload() throws Exception {
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    UploadRecords records = new UploadRecords(database);
    records.prepare();
    Instant at = Instant.now();
    records.insert(
        new UploadRecord(
            ID,
            "alice",
            "uploads/alice/" + ID + "/a.pdf",
            "a.pdf",
            "application/pdf",
            3,
            Optional.empty(),
            "v4",
            "AES256",
            Optional.empty(),
            at,
            at.plusSeconds(600),
            State.ISSUED,
            at,
            List.of()));
  }

  private static SigningSettings storeAt(URI endpoint) {
    return TestSettings.signing(
        "upload.endpoint", endpoint.toString(),
        "upload.path-style", "true",
        "upload.store-timeout", "PT1S");
  }

  private static S3Client clientOf(SigningSettings signing) {
    return StorageClients.newClient(
        signing.store(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")));
  }

  private Uploads uploads(SigningSettings signing, S3Client client) {
    Uploads cut = new Uploads();
    cut.signing = signing;
    cut.s3 = client;
    cut.open(database, true);
    return cut;
  }

  @Test
  void aStoreThatDoesNotAnswerInTimeIsA503SayingSoAndTheUploadStaysIssued() throws Exception {
    try (SilentServer store = SilentServer.start();
        S3Client client = clientOf(storeAt(store.httpAddress()))) {
      Uploads cut = uploads(storeAt(store.httpAddress()), client);

      long started = System.nanoTime();
      RecordsUnavailable thrown =
          assertThrows(RecordsUnavailable.class, () -> cut.complete("alice", ID));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertEquals(ErrorCode.STORAGE_UNAVAILABLE, thrown.code());
      assertEquals(
          "The storage did not answer within 1 second, so the upload could not be checked or"
              + " changed. It is not lost: try again in a minute.",
          thrown.sentence());
      assertEquals(
          "The storage did not answer within 1 second (upload.store-timeout)", thrown.getMessage());
      assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
      assertEquals(State.ISSUED, cut.get("alice", ID).state());
    }
  }

  @Test
  void aStoreThatCannotBeReachedIsA503SayingThat() throws Exception {
    int nobodyListens;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobodyListens = socket.getLocalPort();
    }
    SigningSettings signing = storeAt(URI.create("http://127.0.0.1:" + nobodyListens));
    try (S3Client client = clientOf(signing)) {
      Uploads cut = uploads(signing, client);

      RecordsUnavailable thrown =
          assertThrows(RecordsUnavailable.class, () -> cut.complete("alice", ID));

      assertEquals(ErrorCode.STORAGE_UNAVAILABLE, thrown.code());
      assertEquals(
          "The storage cannot be reached just now, so the upload could not be checked or changed."
              + " It is not lost: try again in a minute.",
          thrown.sentence());
      assertEquals(State.ISSUED, cut.get("alice", ID).state());
    }
  }
}
