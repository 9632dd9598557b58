package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;
import org.s3directupload.storage.StorageClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Signs with the presigner exactly as the application builds it; presigning is offline. */
class SigV4PutSignerTest {

  private static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));

  private S3Client client;
  private S3Presigner presigner;

  private SigV4PutSigner signer(SigningSettings settings) {
    client = StorageClients.newClient(settings.store(), CREDENTIALS);
    presigner = StorageClients.newPresigner(settings.store(), CREDENTIALS, client);
    return new SigV4PutSigner(presigner, settings.store().bucket());
  }

  @AfterEach
  void close() {
    if (presigner != null) {
      presigner.close();
    }
    if (client != null) {
      client.close();
    }
  }

  private static Map<String, String> query(SignedPut put) {
    return Arrays.stream(put.url().getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
  }

  @Test
  void signsEveryTicketHeaderAndTheLength() {
    SigningSettings settings =
        TestSettings.signing(
            "upload.endpoint", "http://127.0.0.1:9000", "upload.path-style", "true");
    Map<String, String> headers = Accepted.headers(settings, "application/pdf", "a b.pdf");

    SignedPut put =
        signer(settings).sign("uploads/x/a_b.pdf", 1234, headers, Duration.ofMinutes(5));

    assertEquals(
        List.of(
            "content-disposition",
            "content-length",
            "content-type",
            "host",
            "if-none-match",
            "x-amz-meta-upload-id",
            "x-amz-meta-uploaded-by",
            "x-amz-server-side-encryption"),
        List.of(query(put).get("X-Amz-SignedHeaders").split(";")));
    assertEquals("300", query(put).get("X-Amz-Expires"));
    assertTrue(
        put.url().toString().startsWith("http://127.0.0.1:9000/test-bucket/uploads/x/a_b.pdf?"));
    assertEquals(headers, put.headers());
  }

  @Test
  void ticketNeverAsksTheBrowserForHeadersItSetsItself() {
    SigningSettings settings = TestSettings.signing();

    SignedPut put =
        signer(settings)
            .sign(
                "uploads/a.pdf",
                1,
                Accepted.headers(settings, "application/pdf", "a.pdf"),
                Duration.ofMinutes(1));

    assertFalse(put.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("host")));
    assertFalse(
        put.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-length")));
  }

  @Test
  void presignsNoChecksum() {
    SigningSettings settings = TestSettings.signing();

    SignedPut put =
        signer(settings)
            .sign(
                "uploads/a.pdf",
                1,
                Accepted.headers(settings, "application/pdf", "a.pdf"),
                Duration.ofMinutes(1));

    assertFalse(put.url().toString().toLowerCase().contains("checksum"), put.url().toString());
  }

  @Test
  void kmsModesSignTheKeyId() {
    SigningSettings settings =
        TestSettings.signing("upload.sse", "aws:kms", "upload.sse-kms-key-id", "alias/uploads");
    Map<String, String> headers = Accepted.headers(settings, "application/pdf", "a.pdf");

    SignedPut put = signer(settings).sign("uploads/a.pdf", 1, headers, Duration.ofMinutes(1));

    assertEquals("aws:kms", put.headers().get(TicketHeaders.SSE));
    assertEquals("alias/uploads", put.headers().get(TicketHeaders.SSE_KMS_KEY_ID));
    assertTrue(
        List.of(query(put).get("X-Amz-SignedHeaders").split(";"))
            .contains("x-amz-server-side-encryption-aws-kms-key-id"));
  }

  @Test
  void expiryIsTheLifetimeFromNow() {
    SigningSettings settings = TestSettings.signing();
    Instant before = Instant.now();

    SignedPut put =
        signer(settings)
            .sign(
                "uploads/a.pdf",
                1,
                Accepted.headers(settings, "application/pdf", "a.pdf"),
                Duration.ofMinutes(10));

    assertFalse(put.expiresAt().isBefore(before.plus(Duration.ofMinutes(10)).minusSeconds(1)));
    assertFalse(put.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(10))));
  }
}
