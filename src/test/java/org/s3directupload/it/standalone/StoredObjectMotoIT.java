package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.s3directupload.it.Http;
import org.s3directupload.signing.TicketHeaders;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.uploads.StoredObjectCheck;
import org.s3directupload.uploads.UploadRecord;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The check of a stored object against its record, on what moto's {@code HEAD} reports. moto tells
 * the truth about encryption (S3Proxy's in-memory store says {@code AES256} for every object), so
 * an object stored without the ticket's encryption header is caught here; moto does not check
 * signatures, which is what lets the test leave that header out. moto 5.2.1 keeps no checksum sent
 * with a presigned {@code PUT} (its {@code HEAD} reports none), so these tickets declare none;
 * {@code RecordsIT} covers checksums against S3Proxy.
 */
class StoredObjectMotoIT {

  private static Moto moto;
  private static S3Client s3;
  private static OnMoto bucket;

  @BeforeAll
  static void start() throws Exception {
    moto = Moto.start(Integer.getInteger("it.moto.port"));
    s3 = moto.client();
    s3.createBucket(b -> b.bucket("records")); // no default encryption
    bucket = OnMoto.bucket(moto, "records");
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void anObjectAsTheTicketSaysHasNoProblem() throws Exception {
    assertEquals(List.of(), problemsAfterPut("as-signed.pdf", Map.of()));
  }

  @Test
  void anObjectStoredWithoutEncryptionIsNamedSo() throws Exception {
    List<String> problems =
        problemsAfterPut("unencrypted.pdf", Map.of(TicketHeaders.SSE, "leave out"));

    assertEquals(
        List.of("The stored file is not encrypted with AES256 (the store reports no encryption)."),
        problems);
  }

  @Test
  void anObjectOfAnotherTypeWithoutItsIdIsNamedSo() throws Exception {
    List<String> problems =
        problemsAfterPut(
            "retyped.pdf",
            Map.of(
                TicketHeaders.CONTENT_TYPE,
                "text/html",
                TicketHeaders.META_UPLOAD_ID,
                "leave out"));

    assertEquals(
        List.of(
            "The stored file's type is text/html, not the application/pdf declared.",
            "The stored file was not uploaded with this upload's ticket."),
        problems);
  }

  /**
   * Issues a ticket, PUTs the body with the ticket's headers changed by {@code changes} ("leave
   * out" removes one), and checks what moto then reports against the record the application would
   * have written.
   */
  private static List<String> problemsAfterPut(String name, Map<String, String> changes)
      throws Exception {
    byte[] body = ("%PDF-1.4 " + name).getBytes(StandardCharsets.UTF_8);
    UploadRequest request =
        new UploadRequest(name, "application/pdf", body.length, Optional.empty());
    UploadTicket ticket = bucket.ticket("alice", request);
    Map<String, String> headers = new HashMap<>(ticket.headers());
    changes.forEach(
        (header, value) -> {
          if (value.equals("leave out")) {
            headers.remove(header);
          } else {
            headers.put(header, value);
          }
        });
    HttpResponse<String> put = Http.put(ticket.url(), headers, body);
    assertEquals(200, put.statusCode(), put.body());

    HeadObjectResponse head =
        s3.headObject(
            b -> b.bucket("records").key(ticket.key()).checksumMode(ChecksumMode.ENABLED));
    Instant now = Instant.now();
    UploadRecord record =
        new UploadRecord(
            ticket.id(),
            "alice",
            ticket.key(),
            name,
            "application/pdf",
            body.length,
            request.checksumSha256(),
            "v4",
            "AES256",
            Optional.empty(),
            now,
            ticket.expiresAt(),
            UploadRecord.State.ISSUED,
            now,
            List.of());
    return StoredObjectCheck.problems(record, head);
  }
}
