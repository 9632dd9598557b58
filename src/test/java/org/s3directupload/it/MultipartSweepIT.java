package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An upload in parts left unfinished is aborted by the sweeper once {@code
 * upload.multipart-lifetime} (30 seconds in the test environment) has passed: the store drops its
 * parts and the record becomes {@code missing}.
 */
@OnTheServer
class MultipartSweepIT {

  @ArquillianResource TheApp app;

  @Test
  void theSweeperAbortsAnUnfinishedUploadAfterItsLifetime() throws Exception {
    byte[] file = MultipartUploadsIT.randomBytes(MultipartUploadsIT.PART + 100, 11);
    HttpResponse<String> issued =
        People.ALICE.post(
            app.uploads(),
            "application/json",
            "{\"filename\":\"abandoned.pdf\",\"contentType\":\"application/pdf\",\"size\":"
                + file.length
                + "}");
    JsonObject ticket = Http.json(issued);
    String id = ticket.getString("id");
    String key = ticket.getString("key");
    Instant expiresAt = Instant.parse(ticket.getString("expiresAt"));
    HttpResponse<String> signed =
        People.ALICE.post(
            app.resolve("api/uploads/" + id + "/parts"),
            "application/json",
            "{\"parts\":[{\"partNumber\":1,\"checksumSha256\":\""
                + MultipartUploadsIT.sha256(MultipartUploadsIT.part(file, 1))
                + "\"}]}");
    JsonObject part = Http.json(signed).getJsonArray("parts").getJsonObject(0);
    assertEquals(
        200,
        Http.put(
                part.getString("url"),
                MultipartUploadsIT.headersOf(part),
                MultipartUploadsIT.part(file, 1))
            .statusCode());

    try (S3Client s3 = TestStore.client()) {
      assertTrue(hasUpload(s3, key));
      JsonObject record = null;
      Instant deadline = expiresAt.plusSeconds(30);
      while (Instant.now().isBefore(deadline)) {
        record = Http.json(People.ALICE.get(app.resolve("api/uploads/" + id)));
        if (!record.getString("state").equals("issued")) {
          break;
        }
        Thread.sleep(500);
      }
      assertEquals("missing", record.getString("state"), record.toString());
      assertTrue(
          record.getJsonArray("problems").getString(0).contains("upload.multipart-lifetime"),
          record.toString());
      assertFalse(Instant.now().isBefore(expiresAt), "not aborted before its lifetime was over");
      assertFalse(hasUpload(s3, key), "the store lists no multipart upload for the key");
    }
  }

  private static boolean hasUpload(S3Client s3, String key) {
    return s3.listMultipartUploads(b -> b.bucket(TestStore.bucket()).prefix(key)).uploads().stream()
        .anyMatch(upload -> upload.key().equals(key));
  }
}
