package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A ticket used for a real PUT against a store that checks signatures. Failsafe runs this class
 * once with the server signing v4 and once signing v2.
 */
@OnTheServer
class PresignedPutIT {

  private static final byte[] PDF =
      "%PDF-1.4\n% a tiny test file\n".getBytes(StandardCharsets.US_ASCII);

  @ArquillianResource TheApp app;

  private static S3Client s3;

  @BeforeAll
  static void connect() {
    s3 = TestStore.client();
  }

  @AfterAll
  static void disconnect() {
    s3.close();
  }

  private JsonObject ticketFor(String filename, String type, int size) throws Exception {
    HttpResponse<String> response =
        People.ALICE.post(
            app.uploads(),
            "application/json",
            "{\"filename\":\""
                + filename
                + "\",\"contentType\":\""
                + type
                + "\",\"size\":"
                + size
                + "}");
    assertEquals(201, response.statusCode(), response.body());
    return Http.json(response);
  }

  static Map<String, String> headersOf(JsonObject ticket) {
    Map<String, String> headers = new LinkedHashMap<>();
    ticket
        .getJsonObject("headers")
        .forEach((name, value) -> headers.put(name, ((JsonString) value).getString()));
    return headers;
  }

  private void assertAbsent(String key) {
    assertThrows(
        NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(TestStore.bucket()).key(key)));
  }

  private static void assertRefused(HttpResponse<String> response) {
    assertEquals(403, response.statusCode(), response.body());
    assertTrue(response.body().contains("<Error>"), response.body());
  }

  @Test
  void storesTheFileEncryptedWithItsTypeAndName() throws Exception {
    JsonObject ticket = ticketFor("Grüße.pdf", "application/pdf", PDF.length);

    HttpResponse<String> put = Http.put(ticket.getString("url"), headersOf(ticket), PDF);

    assertEquals(200, put.statusCode(), put.body());
    HeadObjectResponse head =
        s3.headObject(b -> b.bucket(TestStore.bucket()).key(ticket.getString("key")));
    assertEquals("AES256", head.serverSideEncryptionAsString());
    assertEquals("application/pdf", head.contentType());
    assertEquals(
        "attachment; filename=\"Gru_e.pdf\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.pdf",
        head.contentDisposition());
    assertEquals(PDF.length, head.contentLength());
  }

  @Test
  void refusesThePutWithoutTheEncryptionHeader() throws Exception {
    JsonObject ticket = ticketFor("a.pdf", "application/pdf", PDF.length);
    Map<String, String> headers = headersOf(ticket);
    headers.remove("x-amz-server-side-encryption");

    assertRefused(Http.put(ticket.getString("url"), headers, PDF));
    assertAbsent(ticket.getString("key"));
  }

  @Test
  void refusesThePutWithAnotherEncryption() throws Exception {
    JsonObject ticket = ticketFor("a.pdf", "application/pdf", PDF.length);
    Map<String, String> headers = headersOf(ticket);
    headers.put("x-amz-server-side-encryption", "aws:kms");

    assertRefused(Http.put(ticket.getString("url"), headers, PDF));
    assertAbsent(ticket.getString("key"));
  }

  @Test
  void refusesThePutWithAnotherContentType() throws Exception {
    JsonObject ticket = ticketFor("a.pdf", "application/pdf", PDF.length);
    Map<String, String> headers = headersOf(ticket);
    headers.put("Content-Type", "text/html");

    assertRefused(Http.put(ticket.getString("url"), headers, PDF));
    assertAbsent(ticket.getString("key"));
  }

  @Test
  void refusesATamperedSignature() throws Exception {
    JsonObject ticket = ticketFor("a.pdf", "application/pdf", PDF.length);
    String url = ticket.getString("url");
    int at = url.indexOf("Signature=") + "Signature=".length();
    char flipped = url.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = url.substring(0, at) + flipped + url.substring(at + 1);

    assertRefused(Http.put(tampered, headersOf(ticket), PDF));
    assertAbsent(ticket.getString("key"));
  }

  @Test
  void refusesAnotherKeyWithTheSameSignature() throws Exception {
    JsonObject ticket = ticketFor("a.pdf", "application/pdf", PDF.length);
    String url = ticket.getString("url").replace("/a.pdf?", "/b.pdf?");

    assertRefused(Http.put(url, headersOf(ticket), PDF));
  }

  @Test
  void refusesThePutAfterExpiry() throws Exception {
    JsonObject ticket = ticketFor("a.pdf", "application/pdf", PDF.length);
    Instant expiresAt = Instant.parse(ticket.getString("expiresAt"));
    assertTrue(
        Duration.between(Instant.now(), expiresAt).compareTo(Duration.ofSeconds(30)) < 0,
        "the integration tests run with a short url lifetime");

    Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 1500);

    assertRefused(Http.put(ticket.getString("url"), headersOf(ticket), PDF));
    assertAbsent(ticket.getString("key"));
  }

  @Test
  void ticketNamesTheConfiguredSignatureVersion() throws Exception {
    String url = ticketFor("a.pdf", "application/pdf", 1).getString("url");

    switch (TestStore.settings().signatureVersion()) {
      case V4 -> assertTrue(url.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256"), url);
      case V2 -> {
        assertTrue(url.contains("AWSAccessKeyId=") && url.contains("Signature="), url);
        assertFalse(url.contains("X-Amz-"), url);
      }
    }
  }
}
