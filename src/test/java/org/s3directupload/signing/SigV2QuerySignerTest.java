package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SigV2QuerySignerTest {

  /** The secret key of AWS's published SigV2 examples. */
  private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void matchesAwsPublishedQueryStringExample() {
    String stringToSign =
        SigV2QuerySigner.stringToSign(
            "GET", "", "", 1175139620, Map.of(), "/johnsmith/photos/puppy.jpg");

    assertEquals("GET\n\n\n1175139620\n/johnsmith/photos/puppy.jpg", stringToSign);
    assertEquals(
        "NpgCjnDzrM+WFzoENXmpNDUsSn8=", SigV2QuerySigner.signature(EXAMPLE_SECRET, stringToSign));
  }

  @Test
  void signsContentTypeAndAmzHeadersSortedAndLowerCase() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/pdf");
    headers.put("X-Amz-Server-Side-Encryption", "AES256");
    headers.put("Content-Disposition", "attachment");
    headers.put("x-amz-meta-a", " b ");

    String stringToSign =
        SigV2QuerySigner.stringToSign("PUT", "", "application/pdf", 42, headers, "/b/k");

    assertEquals(
        "PUT\n\napplication/pdf\n42\nx-amz-meta-a:b\nx-amz-server-side-encryption:AES256\n/b/k",
        stringToSign);
  }

  @Test
  void pathStyleUrlCarriesKeyIdExpiryAndEncodedSignature() {
    SigningSettings settings =
        TestSettings.signing(
            "upload.signature-version", "v2",
            "upload.endpoint", "http://127.0.0.1:9000",
            "upload.path-style", "true");
    SigV2QuerySigner cut =
        new SigV2QuerySigner(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", EXAMPLE_SECRET)),
            settings.store(),
            CLOCK);
    Map<String, String> headers = Accepted.headers(settings, "application/pdf", "a.pdf");

    SignedPut put = cut.sign("uploads/k/a.pdf", 3, headers, Duration.ofMinutes(10));

    long expires = Instant.parse("2026-11-30T12:10:00Z").getEpochSecond();
    String expected =
        SigV2QuerySigner.signature(
            EXAMPLE_SECRET,
            SigV2QuerySigner.stringToSign(
                "PUT", "", "application/pdf", expires, headers, "/test-bucket/uploads/k/a.pdf"));
    assertEquals(
        "http://127.0.0.1:9000/test-bucket/uploads/k/a.pdf?AWSAccessKeyId=AKID&Expires="
            + expires
            + "&Signature="
            + java.net.URLEncoder.encode(expected, java.nio.charset.StandardCharsets.UTF_8),
        put.url().toString());
    assertEquals(Instant.ofEpochSecond(expires), put.expiresAt());
    assertEquals(headers, put.headers());
  }

  @Test
  void virtualHostedUrlPutsTheBucketInTheHost() {
    SigningSettings settings = TestSettings.signing("upload.signature-version", "v2");
    SigV2QuerySigner cut =
        new SigV2QuerySigner(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", EXAMPLE_SECRET)),
            settings.store(),
            CLOCK);

    SignedPut put =
        cut.sign(
            "uploads/a.pdf",
            1,
            Accepted.headers(settings, "application/pdf", "a.pdf"),
            Duration.ofMinutes(1));

    assertTrue(
        put.url().toString().startsWith("https://test-bucket.s3.amazonaws.com/uploads/a.pdf?"),
        put.url().toString());
  }

  @Test
  void sessionTokenBecomesASignedTicketHeader() {
    SigningSettings settings = TestSettings.signing("upload.signature-version", "v2");
    SigV2QuerySigner cut =
        new SigV2QuerySigner(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKID", EXAMPLE_SECRET, "TOKEN")),
            settings.store(),
            CLOCK);

    SignedPut put =
        cut.sign(
            "uploads/a.pdf",
            1,
            Accepted.headers(settings, "application/pdf", "a.pdf"),
            Duration.ofMinutes(1));

    assertEquals("TOKEN", put.headers().get(TicketHeaders.SECURITY_TOKEN));
    String expected =
        SigV2QuerySigner.signature(
            EXAMPLE_SECRET,
            SigV2QuerySigner.stringToSign(
                "PUT",
                "",
                "application/pdf",
                put.expiresAt().getEpochSecond(),
                put.headers(),
                "/test-bucket/uploads/a.pdf"));
    assertTrue(
        put.url()
            .toString()
            .endsWith(
                "Signature="
                    + java.net.URLEncoder.encode(
                        expected, java.nio.charset.StandardCharsets.UTF_8)));
  }
}
