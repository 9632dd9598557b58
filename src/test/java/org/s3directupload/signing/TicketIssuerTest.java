package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;
import org.s3directupload.config.UploadSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class TicketIssuerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  private final UploadSettings settings =
      TestSettings.with(
          "upload.signature-version", "v2",
          "upload.endpoint", "http://127.0.0.1:9000",
          "upload.path-style", "true");
  private final TicketIssuer cut =
      new TicketIssuer(
          settings,
          new SigV2QuerySigner(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
              settings,
              CLOCK),
          CLOCK);

  @Test
  void ticketHasKeyMethodUrlHeadersAndExpiry() {
    UploadTicket ticket =
        cut.issue("alice", new UploadRequest("../Quarterly Report.PDF", "application/pdf", 10));

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
        cut.issue("alice", new UploadRequest("a.pdf", "application/pdf", 10)).toJson();

    assertEquals(
        List.of("key", "method", "url", "headers", "expiresAt"), List.copyOf(json.keySet()));
    assertEquals("2026-11-30T12:10:00Z", json.getString("expiresAt"));
    assertEquals("AES256", json.getJsonObject("headers").getString("x-amz-server-side-encryption"));
  }

  @Test
  void refusedRequestsAreNotSigned() {
    assertThrows(
        UploadRefusal.class,
        () -> cut.issue("alice", new UploadRequest("a.exe", "application/x-msdownload", 1)));
  }

  @Test
  void ticketNeverShowsItsUrlInText() {
    UploadTicket ticket = cut.issue("alice", new UploadRequest("a.pdf", "application/pdf", 10));

    assertTrue(ticket.toString().contains("<redacted>"));
    assertTrue(!ticket.toString().contains("Signature"));
  }
}
