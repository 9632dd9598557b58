package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3directupload.config.TestSettings;
import org.s3directupload.storage.StorageClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

class TicketIssuerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  private final SigningSettings settings =
      TestSettings.signing(
          "upload.signature-version", "v2",
          "upload.endpoint", "http://127.0.0.1:9000",
          "upload.path-style", "true");
  private final TicketIssuer cut =
      new TicketIssuer(
          settings,
          new SigV2QuerySigner(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
              settings.store(),
              CLOCK),
          CLOCK);

  @Test
  void ticketHasKeyMethodUrlHeadersAndExpiry() {
    UploadTicket ticket =
        cut.issue(
            "alice",
            cut.accept(new UploadRequest("../Quarterly Report.PDF", "application/pdf", 10)));

    assertTrue(ticket.key().startsWith("uploads/alice/2026/11/30/"), ticket.key());
    assertTrue(ticket.key().endsWith("/Quarterly_Report.PDF"), ticket.key());
    assertEquals("PUT", ticket.method());
    assertTrue(ticket.url().startsWith("http://127.0.0.1:9000/test-bucket/" + ticket.key() + "?"));
    assertEquals("application/pdf", ticket.headers().get("Content-Type"));
    assertEquals("AES256", ticket.headers().get("x-amz-server-side-encryption"));
    assertEquals(
        "attachment; filename=\"Quarterly_Report.PDF\"; filename*=UTF-8''Quarterly%20Report.PDF",
        ticket.headers().get("Content-Disposition"));
    assertEquals(Instant.parse("2026-11-30T12:10:00Z"), ticket.expiresAt());
  }

  @Test
  void jsonHasTheDocumentedFields() {
    JsonObject json =
        cut.issue("alice", cut.accept(new UploadRequest("a.pdf", "application/pdf", 10))).toJson();

    assertEquals(
        List.of("id", "key", "method", "url", "headers", "expiresAt"), List.copyOf(json.keySet()));
    assertTrue(
        json.getString("key").contains("/" + json.getString("id") + "/"), "the id is in the key");
    assertEquals(
        json.getString("id"), json.getJsonObject("headers").getString("x-amz-meta-upload-id"));
    assertEquals("2026-11-30T12:10:00Z", json.getString("expiresAt"));
    assertEquals("AES256", json.getJsonObject("headers").getString("x-amz-server-side-encryption"));
  }

  @Test
  void refusedRequestsAreNotSigned() {
    assertThrows(
        UploadRefusal.class,
        () ->
            cut.issue(
                "alice", cut.accept(new UploadRequest("a.exe", "application/x-msdownload", 1))));
  }

  @Test
  void aCanaryInPartsStartsLikeAPersonsUnderItsOwnKeyAndUploader() {
    UploadRequest request = new UploadRequest("canary.txt", "application/pdf", 49);
    MultipartStart person = cut.startMultipart("alice", cut.acceptInParts(request), 1);
    MultipartStart canary =
        cut.startCanaryMultipart("uploads/.doctor/c.txt", request, PartPlan.MIN_PART_SIZE);

    assertEquals("uploads/.doctor/c.txt", canary.key());
    assertEquals(new PartPlan(49, PartPlan.MIN_PART_SIZE, 1), canary.plan());
    assertEquals(".bucket-doctor", canary.headers().get(TicketHeaders.META_UPLOADED_BY));
    assertEquals(canary.id(), canary.headers().get(TicketHeaders.META_UPLOAD_ID));
    assertEquals(
        person.headers().keySet(), canary.headers().keySet(), "the same headers as a person's");
    assertEquals("AES256", canary.headers().get(TicketHeaders.SSE));
  }

  @Test
  void aCanaryInPartsOutsideThePrefixIsRefused() {
    UploadRequest request = new UploadRequest("canary.txt", "application/pdf", 49);

    assertThrows(
        IllegalArgumentException.class,
        () -> cut.startCanaryMultipart("elsewhere/c.txt", request, PartPlan.MIN_PART_SIZE));
    assertThrows(
        IllegalArgumentException.class,
        () -> cut.startCanaryMultipart("uploads/../c.txt", request, PartPlan.MIN_PART_SIZE));
  }

  @Test
  void ticketNeverShowsItsUrlInText() {
    UploadTicket ticket =
        cut.issue("alice", cut.accept(new UploadRequest("a.pdf", "application/pdf", 10)));

    assertTrue(ticket.toString().contains("<redacted>"));
    assertTrue(!ticket.toString().contains("Signature"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "v4, upload.region, eu-central-1",
    "v2, upload.region, eu-central-1",
    "v4, upload.region, us-east-1",
    "v2, upload.region, us-east-1",
    "v4, upload.endpoint, http://127.0.0.1:9000",
    "v2, upload.endpoint, http://127.0.0.1:9000",
  })
  void ticketsPointAtTheStoreOriginThePageMayConnectTo(String version, String key, String value) {
    SigningSettings settings =
        TestSettings.signing("upload.signature-version", version, key, value);
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));
    try (S3Client client = StorageClients.newClient(settings.store(), credentials)) {
      TicketIssuer issuer = TicketIssuer.forSettings(settings, credentials, CLOCK);

      URI url =
          URI.create(
              issuer
                  .issue("alice", issuer.accept(new UploadRequest("a.pdf", "application/pdf", 1)))
                  .url());

      assertEquals(
          StorageClients.storeOrigin(settings.store()),
          URI.create(url.getScheme() + "://" + url.getRawAuthority()));
    }
  }
}
