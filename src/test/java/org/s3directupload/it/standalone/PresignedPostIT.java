package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3directupload.bucket.BucketDoctor;
import org.s3directupload.bucket.Finding;
import org.s3directupload.config.TestSettings;
import org.s3directupload.devstore.DevStore;
import org.s3directupload.it.Http;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.uploads.StoredObjectCheck;
import org.s3directupload.uploads.UploadRecord;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * POST tickets, signed as the application signs them ({@code upload.method=post}), posted as a
 * browser posts a form to S3Proxy, which enforces the policy for SigV4 and for v2 alike. The signer
 * is plain Java and runs the same in every runtime, so this runs once, on its own store; the ticket
 * API with {@code post} and the pages are {@code PostUploadPageIT}'s.
 */
class PresignedPostIT {

  private static final byte[] PDF =
      "%PDF-1.4\n% a tiny test file for a form\n".getBytes(StandardCharsets.US_ASCII);

  private static final AwsCredentialsProvider KEYS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(DevStore.ACCESS_KEY, DevStore.SECRET_KEY));

  private static DevStore store;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    int port = Integer.getInteger("it.store2.port");
    store =
        DevStore.start(
            settings("v4", "PT10M"),
            TestSettings.origins("upload.allowed-origins", "http://127.0.0.1:8080"),
            port);
    s3 = store.client();
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private static SigningSettings settings(String version, String lifetime) {
    return TestSettings.signing(
        "upload.bucket",
        "post-uploads",
        "upload.endpoint",
        "http://127.0.0.1:" + Integer.getInteger("it.store2.port"),
        "upload.path-style",
        "true",
        "upload.method",
        "post",
        "upload.signature-version",
        version,
        "upload.url-lifetime",
        lifetime);
  }

  private static UploadTicket ticket(String version, String lifetime, UploadRequest request) {
    SigningSettings settings = settings(version, lifetime);
    TicketIssuer issuer = TicketIssuer.forSettings(settings, KEYS, Clock.systemUTC());
    return issuer.issue("alice", issuer.accept(request));
  }

  private static UploadTicket ticket(String version, UploadRequest request) {
    return ticket(version, "PT10M", request);
  }

  private static UploadTicket pdfTicket(String version) {
    return ticket(version, new UploadRequest("Grüße.pdf", "application/pdf", PDF.length));
  }

  private static HttpResponse<String> post(UploadTicket ticket, Map<String, String> fields)
      throws Exception {
    return Http.postForm(ticket.url(), fields, PDF);
  }

  private static Map<String, String> fieldsWith(UploadTicket ticket, String name, String value) {
    Map<String, String> fields = new LinkedHashMap<>(ticket.fields());
    fields.put(name, value);
    return fields;
  }

  private static void assertStoreError(
      int status, String code, HttpResponse<String> response, UploadTicket ticket) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
    assertThrows(
        NoSuchKeyException.class,
        () -> s3.headObject(b -> b.bucket("post-uploads").key(ticket.key())));
  }

  private static HeadObjectResponse head(String key) {
    return s3.headObject(b -> b.bucket("post-uploads").key(key).checksumMode(ChecksumMode.ENABLED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void storesTheFileEncryptedWithItsTypeNameAndId(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);

    HttpResponse<String> response = post(ticket, ticket.fields());

    assertEquals(204, response.statusCode(), response.body());
    HeadObjectResponse head = head(ticket.key());
    assertEquals("AES256", head.serverSideEncryptionAsString());
    assertEquals("application/pdf", head.contentType());
    assertEquals(PDF.length, head.contentLength());
    // the policy binds Content-Disposition (see anotherNameIsRefused), but S3Proxy 4.1.0 keeps
    // none from a form: AWS does
    assertEquals(null, head.contentDisposition());
    assertEquals(ticket.id(), head.metadata().get("upload-id"));
    assertEquals("alice", head.metadata().get("uploaded-by"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void theStoredObjectPassesTheRecordsCheck(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);
    Instant now = Instant.now();
    UploadRecord record =
        new UploadRecord(
            ticket.id(),
            "alice",
            ticket.key(),
            "Grüße.pdf",
            "application/pdf",
            PDF.length,
            Optional.empty(),
            version,
            "AES256",
            Optional.empty(),
            now,
            ticket.expiresAt(),
            UploadRecord.State.ISSUED,
            now,
            List.of());

    assertEquals(204, post(ticket, ticket.fields()).statusCode());

    assertEquals(List.of(), StoredObjectCheck.problems(record, head(ticket.key())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void oneByteMoreThanDeclaredIsEntityTooLarge(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);
    byte[] longer = Arrays.copyOf(PDF, PDF.length + 1);

    assertStoreError(
        400, "EntityTooLarge", Http.postForm(ticket.url(), ticket.fields(), longer), ticket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void oneByteLessThanDeclaredIsEntityTooSmall(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);
    byte[] shorter = Arrays.copyOf(PDF, PDF.length - 1);

    assertStoreError(
        400, "EntityTooSmall", Http.postForm(ticket.url(), ticket.fields(), shorter), ticket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void anotherContentTypeIsRefused(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);

    assertStoreError(
        403, "AccessDenied", post(ticket, fieldsWith(ticket, "Content-Type", "text/html")), ticket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void anotherNameIsRefused(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);

    assertStoreError(
        403,
        "AccessDenied",
        post(ticket, fieldsWith(ticket, "Content-Disposition", "inline")),
        ticket);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void theDeclaredChecksumIsStoredAndABodyThatDiffersIsBadDigest(String version) throws Exception {
    String declared = sha256(PDF);
    UploadTicket ticket =
        ticket(
            version,
            new UploadRequest("c.pdf", "application/pdf", PDF.length, Optional.of(declared)));
    UploadTicket another =
        ticket(
            version,
            new UploadRequest("d.pdf", "application/pdf", PDF.length, Optional.of(declared)));
    byte[] other = PDF.clone();
    other[0] = 'X';

    assertEquals(204, post(ticket, ticket.fields()).statusCode());
    assertEquals(declared, head(ticket.key()).checksumSHA256());
    assertStoreError(
        400, "BadDigest", Http.postForm(another.url(), another.fields(), other), another);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void aFieldThePolicyDoesNotNameIsRefused(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);

    assertStoreError(
        403, "AccessDenied", post(ticket, fieldsWith(ticket, "acl", "public-read")), ticket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void anotherSuccessStatusIsRefused(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);

    assertStoreError(
        403,
        "AccessDenied",
        post(ticket, fieldsWith(ticket, "success_action_status", "201")),
        ticket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void anotherEncryptionIsRefused(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);

    assertStoreError(
        403,
        "AccessDenied",
        post(ticket, fieldsWith(ticket, "x-amz-server-side-encryption", "aws:kms")),
        ticket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void anotherKeyIsRefused(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);
    String other = ticket.key().replace("/Gru_e.pdf", "/other.pdf");

    HttpResponse<String> response = post(ticket, fieldsWith(ticket, "key", other));

    assertEquals(403, response.statusCode(), response.body());
    assertTrue(response.body().contains("<Code>AccessDenied</Code>"), response.body());
    assertThrows(
        NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("post-uploads").key(other)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void aFormWithoutTheEncryptionFieldIsRefused(String version) throws Exception {
    UploadTicket ticket = pdfTicket(version);
    Map<String, String> fields = new LinkedHashMap<>(ticket.fields());
    fields.remove("x-amz-server-side-encryption");

    assertStoreError(403, "AccessDenied", post(ticket, fields), ticket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void anExpiredFormIsRefused(String version) throws Exception {
    UploadTicket ticket =
        ticket(version, "PT2S", new UploadRequest("late.pdf", "application/pdf", PDF.length));

    Thread.sleep(
        Math.max(0, Duration.between(Instant.now(), ticket.expiresAt()).toMillis()) + 1500);

    assertStoreError(403, "AccessDenied", post(ticket, ticket.fields()), ticket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v2"})
  void theDoctorsCanaryAndPreflightsUseTheForm(String version) throws Exception {
    SigningSettings settings = settings(version, "PT10M");
    Origins origins = TestSettings.origins("upload.allowed-origins", "http://127.0.0.1:8080");
    Map<String, Finding> findings;
    TicketIssuer issuer = TicketIssuer.forSettings(settings, KEYS, Clock.systemUTC());
    findings =
        new BucketDoctor(
                settings,
                MultipartSettings.read(TestSettings.reader(), settings),
                origins,
                s3,
                issuer)
            .examine().stream().collect(Collectors.toMap(Finding::check, Function.identity()));

    Finding canary = findings.get("canary-upload");
    assertEquals(Finding.Status.OK, canary.status(), canary.toString());
    assertEquals(
        "A canary uploaded through a ticket was stored with encryption AES256.", canary.observed());
    Finding preflight = findings.get("cors-preflight http://127.0.0.1:8080");
    assertEquals(Finding.Status.OK, preflight.status(), preflight.toString());
    assertTrue(
        preflight.observed().startsWith("A preflight from http://127.0.0.1:8080 for POST with "),
        preflight.observed());
    Finding foreign = findings.get("cors-foreign-origin");
    assertEquals(Finding.Status.OK, foreign.status(), foreign.toString());
    // forms never go in parts: the check says so rather than keeping quiet
    Finding inParts = findings.get("canary-multipart");
    assertEquals(Finding.Status.OK, inParts.status(), inParts.toString());
    assertTrue(
        inParts.observed().startsWith("Uploads in parts are not used with upload.method=post"),
        inParts.observed());
    assertFalse(findings.containsKey("cors-expose-etag-part"), findings.keySet().toString());
    // S3Proxy implements no bucket policy: the doctor sees a form without encryption accepted
    Finding form = findings.get("policy-enforces-encryption-form");
    assertEquals(Finding.Status.FAIL, form.status(), form.toString());
    assertTrue(
        form.observed()
            .startsWith(
                "A form without the encryption field, signed with the application's credentials,"
                    + " was accepted (HTTP 204)"),
        form.observed());
  }
}
