package org.s3directupload.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.s3directupload.config.TestSettings;
import org.s3directupload.signing.AcceptedUpload;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketHeaders;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.storage.StorageClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * The time to sign one typical upload's PUT URL: our v4 and v2 tickets as the application issues
 * them, and the SDK's {@link S3Presigner} alone with the same headers for the same key.
 *
 * <p>Our figures include what {@link TicketIssuer#issue} adds around the signature: the random id,
 * the key, the header list and, for v4, the check that the SDK signed exactly those headers. The
 * request was accepted once in setup, as the rules run before signing in the application too. The
 * presigner's request is built once in setup from a ticket issued there, so that its key and header
 * values are a real ticket's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SigningBenchmark {

  /** Whose upload it is. */
  static final String PERSON = "alice";

  /** A typical upload: a PDF of 48,213 bytes with its declared SHA-256. */
  static final UploadRequest UPLOAD =
      new UploadRequest(
          "Quarterly Report.pdf",
          "application/pdf",
          48_213,
          Optional.of("aC40JMr2KA8vZxEAMdDN8BikJS3CkkfZMgAxEdO1420="));

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  private static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));

  private static final String METADATA = "x-amz-meta-";

  private S3Client client;
  private S3Presigner presigner;
  private TicketIssuer v4;
  private TicketIssuer v2;
  private AcceptedUpload v4Upload;
  private AcceptedUpload v2Upload;
  private PutObjectPresignRequest presignRequest;

  /** Builds the clients, issuers and the presigner's request once, as the application does. */
  @Setup
  public void open() {
    // the shipped defaults: AWS in us-east-1, AES256, uploads/ as the prefix
    SigningSettings v4Settings = TestSettings.signing();
    SigningSettings v2Settings = TestSettings.signing("upload.signature-version", "v2");
    client = StorageClients.newClient(v4Settings.store(), CREDENTIALS);
    presigner = StorageClients.newPresigner(v4Settings.store(), CREDENTIALS, client);
    v4 = TicketIssuer.forSettings(v4Settings, CREDENTIALS, CLOCK);
    v2 = TicketIssuer.forSettings(v2Settings, CREDENTIALS, CLOCK);
    v4Upload = v4.accept(UPLOAD);
    v2Upload = v2.accept(UPLOAD);
    presignRequest = presignRequestFor(v4.issue(PERSON, v4Upload), v4Settings);
  }

  /**
   * The SDK's request for a v4 ticket's key and headers, written out field by field: content type
   * and disposition, encryption, If-None-Match, checksum, metadata and length.
   */
  private static PutObjectPresignRequest presignRequestFor(
      UploadTicket ticket, SigningSettings settings) {
    Map<String, String> headers = ticket.headers();
    PutObjectRequest put =
        PutObjectRequest.builder()
            .bucket(settings.store().bucket())
            .key(ticket.key())
            .contentLength(UPLOAD.size())
            .contentType(headers.get(TicketHeaders.CONTENT_TYPE))
            .contentDisposition(headers.get(TicketHeaders.CONTENT_DISPOSITION))
            .serverSideEncryption(headers.get(TicketHeaders.SSE))
            .ifNoneMatch(headers.get(TicketHeaders.IF_NONE_MATCH))
            .checksumSHA256(headers.get(TicketHeaders.CHECKSUM_SHA256))
            .metadata(
                Map.of(
                    TicketHeaders.META_UPLOADED_BY.substring(METADATA.length()),
                    headers.get(TicketHeaders.META_UPLOADED_BY),
                    TicketHeaders.META_UPLOAD_ID.substring(METADATA.length()),
                    headers.get(TicketHeaders.META_UPLOAD_ID)))
            .build();
    return PutObjectPresignRequest.builder()
        .signatureDuration(settings.urlLifetime())
        .putObjectRequest(put)
        .build();
  }

  @TearDown
  public void close() {
    presigner.close();
    client.close();
  }

  /** Our v4 ticket: the issuer around the SDK's presigner, as the application uses it. */
  @Benchmark
  public UploadTicket oursV4() {
    return v4.issue(PERSON, v4Upload);
  }

  /** Our v2 ticket: the issuer with our own SigV2 query signer. */
  @Benchmark
  public UploadTicket oursV2() {
    return v2.issue(PERSON, v2Upload);
  }

  /** The SDK's presigner alone, for the same key and headers as our v4 ticket. */
  @Benchmark
  public PresignedPutObjectRequest presignerV4() {
    return presigner.presignPutObject(presignRequest);
  }
}
