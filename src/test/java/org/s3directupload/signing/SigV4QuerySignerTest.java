package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3directupload.config.TestSettings;
import org.s3directupload.storage.StorageClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * The hand-written SigV4 query signer: against AWS's published example, and one to one against the
 * SDK's {@code S3Presigner} for the same request at the same second. S3Proxy checks its URLs in the
 * integration tests.
 */
class SigV4QuerySignerTest {

  private static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));

  private static SigV4QuerySigner signer(SigningSettings settings) {
    return new SigV4QuerySigner(CREDENTIALS, settings.store(), Clock.systemUTC());
  }

  /**
   * The example of "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)" in
   * the S3 API reference: a GET of examplebucket's test.txt, valid for a day from 24 May 2013.
   */
  @Test
  void signsAwsPublishedExample() {
    TreeMap<String, String> query = new TreeMap<>();
    query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    query.put("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request");
    query.put("X-Amz-Date", "20130524T000000Z");
    query.put("X-Amz-Expires", "86400");
    query.put("X-Amz-SignedHeaders", "host");
    String canonicalQuery = SigV4QuerySigner.canonicalQuery(query);
    assertEquals(
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2F"
            + "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400"
            + "&X-Amz-SignedHeaders=host",
        canonicalQuery);
    String canonicalRequest =
        SigV4QuerySigner.canonicalRequest(
            "GET",
            "/test.txt",
            canonicalQuery,
            new TreeMap<>(Map.of("host", "examplebucket.s3.amazonaws.com")),
            "UNSIGNED-PAYLOAD");
    String stringToSign =
        SigV4QuerySigner.stringToSign(
            "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonicalRequest);
    assertEquals(
        "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            + "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04",
        stringToSign);
    assertEquals(
        "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        SigV4QuerySigner.signature(
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "20130524T000000Z",
            "us-east-1",
            "s3",
            stringToSign));
  }

  /** The SDK's presigned URL for the same PUT, at the same second, must be ours to the byte. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:9000 | true  | AES256  | uploads/alice/2026/01/05/id/a_b.pdf | basic",
        "''                    | false | AES256  | uploads/alice/2026/01/05/id/report.pdf | basic",
        "''                    | false | aws:kms | uploads/bob/x/Résumé (1)+final~v2.pdf | session",
        "https://s3.example.test:8443 | true | AES256 | a/.2F.2E.2E/weird name*'!.txt | session",
        "https://minio.example.test | false | AES256 | uploads/k.pdf | basic",
      })
  void equalsTheSdkPresignerToTheByte(
      String endpoint, boolean pathStyle, String sse, String key, String credentialsKind) {
    List<String> kv =
        new java.util.ArrayList<>(
            List.of("upload.path-style", Boolean.toString(pathStyle), "upload.sse", sse));
    if (!endpoint.isEmpty()) {
      kv.addAll(List.of("upload.endpoint", endpoint));
    }
    if (sse.equals("aws:kms")) {
      kv.addAll(List.of("upload.sse-kms-key-id", "alias/uploads"));
    }
    SigningSettings settings = TestSettings.signing(kv.toArray(String[]::new));
    AwsCredentialsProvider credentials =
        credentialsKind.equals("session")
            ? StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAKID", "session/secret+", "token/with+signs=="))
            : CREDENTIALS;
    Map<String, String> headers =
        TicketHeaders.forUpload(
            settings,
            new AcceptedUpload(
                "application/pdf",
                48213,
                FileNames.of("Résumé  (1).pdf"),
                Optional.of("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")),
            "alice",
            Accepted.ID);

    URI sdk;
    try (S3Client client = StorageClients.newClient(settings.store(), credentials);
        S3Presigner presigner =
            StorageClients.newPresigner(settings.store(), credentials, client)) {
      sdk = sdkPresign(presigner, settings.store().bucket(), key, 48213, headers);
    }
    Instant signedAt =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .parse(queryOf(sdk).get("X-Amz-Date"), Instant::from);
    SignedPut ours =
        new SigV4QuerySigner(credentials, settings.store(), Clock.fixed(signedAt, ZoneOffset.UTC))
            .sign(key, 48213, headers, Duration.ofMinutes(15));

    assertEquals(
        sdk.getScheme() + "://" + sdk.getRawAuthority() + sdk.getRawPath(),
        ours.url().getScheme() + "://" + ours.url().getRawAuthority() + ours.url().getRawPath());
    assertEquals(queryOf(sdk), queryOf(ours.url()));
    assertEquals(signedAt.plus(Duration.ofMinutes(15)), ours.expiresAt());
  }

  /** What the SDK presigns for a PUT with these headers, as the application did before. */
  private static URI sdkPresign(
      S3Presigner presigner, String bucket, String key, long size, Map<String, String> headers) {
    PutObjectRequest.Builder put =
        PutObjectRequest.builder().bucket(bucket).key(key).contentLength(size);
    Map<String, String> metadata = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          switch (name) {
            case TicketHeaders.CONTENT_TYPE -> put.contentType(value);
            case TicketHeaders.CONTENT_DISPOSITION -> put.contentDisposition(value);
            case TicketHeaders.SSE -> put.serverSideEncryption(value);
            case TicketHeaders.SSE_KMS_KEY_ID -> put.ssekmsKeyId(value);
            case TicketHeaders.IF_NONE_MATCH -> put.ifNoneMatch(value);
            case TicketHeaders.CHECKSUM_SHA256 -> put.checksumSHA256(value);
            case TicketHeaders.TAGGING -> put.tagging(value);
            case TicketHeaders.STORAGE_CLASS -> put.storageClass(value);
            default -> metadata.put(name.substring("x-amz-meta-".length()), value);
          }
        });
    put.metadata(metadata);
    PresignedPutObjectRequest presigned =
        presigner.presignPutObject(
            PutObjectPresignRequest.builder()
                .signatureDuration(Duration.ofMinutes(15))
                .putObjectRequest(put.build())
                .build());
    try {
      return presigned.url().toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> queryOf(URI url) {
    return Arrays.stream(url.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                pair -> pair[0],
                pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8),
                (a, b) -> a + "," + b,
                LinkedHashMap::new));
  }

  @Test
  void refusesAHeaderThatNoTicketCarries() {
    SigningSettings settings = TestSettings.signing();
    Map<String, String> headers =
        new LinkedHashMap<>(Accepted.headers(settings, "application/pdf", "a.pdf"));
    headers.put("x-amz-acl", "public-read");

    assertThrows(
        IllegalArgumentException.class,
        () -> signer(settings).sign("uploads/a.pdf", 1, headers, Duration.ofMinutes(1)));
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
