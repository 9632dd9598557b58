package org.s3directupload.bucket;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.s3directupload.config.SignatureVersion;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.signing.UploadTicket;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;

/**
 * Checks the live bucket from the outside, the way a browser and S3 will see it: reachable with the
 * configured addressing, clocks in step, a CORS preflight exactly like the browser's accepted from
 * every allowed origin and refused from any other, a canary upload through a real ticket stored
 * encrypted, an unencrypted PUT refused by the bucket policy, default encryption and the
 * public-access block in place. A failing finding names what is missing and how to add it.
 *
 * <p>Canaries are written under {@code {prefix}_doctor/} and always deleted.
 */
public final class BucketDoctor {

  /** An origin no configuration allows, to see that the CORS rule is not open to every site. */
  static final String FOREIGN_ORIGIN = "https://doctor-probe.invalid";

  private static final Duration NOTICEABLE_SKEW = Duration.ofSeconds(30);
  private static final Duration REFUSED_SKEW = Duration.ofMinutes(15);

  private final UploadSettings settings;
  private final S3Client s3;
  private final TicketIssuer issuer;
  private final HttpClient http;
  private final Clock clock;
  private final BucketDocuments documents;
  private final List<Finding> cleanupProblems = new ArrayList<>();

  public BucketDoctor(
      UploadSettings settings, S3Client s3, TicketIssuer issuer, HttpClient http, Clock clock) {
    this.settings = settings;
    this.s3 = s3;
    this.issuer = issuer;
    this.http = http;
    this.clock = clock;
    this.documents = BucketDocuments.forSettings(settings);
  }

  /** Runs every check; when the bucket cannot be reached at all, says only that. */
  public List<Finding> examine() {
    List<Finding> findings = new ArrayList<>();
    Optional<HeadBucketResponse> head = reachable(findings);
    if (head.isEmpty()) {
      return findings;
    }
    findings.add(clockSkew(head.get()));
    findings.add(signatureVersion());
    guarded(findings, "cors-preflight", () -> cors(canaryTicket()));
    guarded(findings, "canary-upload", () -> canaryUpload(canaryTicket()));
    guarded(findings, "policy-enforces-encryption", () -> List.of(encryptionEnforcedByPolicy()));
    guarded(findings, "default-encryption", () -> List.of(defaultEncryption()));
    guarded(findings, "public-access-block", () -> List.of(publicAccessBlock()));
    findings.addAll(cleanupProblems);
    return findings;
  }

  /** A check that breaks unexpectedly becomes a failed finding, never an error page. */
  private static void guarded(List<Finding> findings, String check, Supplier<List<Finding>> run) {
    try {
      findings.addAll(run.get());
    } catch (RuntimeException e) {
      findings.add(
          new Finding(
              check,
              Finding.Status.FAIL,
              "The check could not be completed: "
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage(),
              "A check that cannot run says nothing about the bucket.",
              "Check the application's permissions on the bucket (see README, Setting up the"
                  + " bucket) and the server log."));
    }
  }

  /**
   * The side-effect-free part, cheap enough for a readiness probe: the bucket is reachable and the
   * CORS preflights come out right. Nothing is written.
   */
  public List<Finding> readiness() {
    List<Finding> findings = new ArrayList<>();
    if (reachable(findings).isPresent()) {
      guarded(findings, "cors-preflight", () -> cors(canaryTicket()));
    }
    return findings;
  }

  /** Whether every finding is ok or a warning. */
  public static boolean healthy(List<Finding> findings) {
    return findings.stream().noneMatch(f -> f.status() == Finding.Status.FAIL);
  }

  private Optional<HeadBucketResponse> reachable(List<Finding> findings) {
    String check = "bucket-reachable";
    String why =
        "Tickets point at this bucket, endpoint and region; if the application cannot reach it,"
            + " neither can the browsers.";
    try {
      HeadBucketResponse response = s3.headBucket(b -> b.bucket(settings.bucket()));
      findings.add(
          Finding.ok(
              check,
              "HEAD of bucket '"
                  + settings.bucket()
                  + "' answered "
                  + response.sdkHttpResponse().statusCode()
                  + " at "
                  + endpointDescription()
                  + ".",
              why));
      return Optional.of(response);
    } catch (S3Exception e) {
      int status = e.statusCode();
      Optional<String> region =
          e.awsErrorDetails() == null
              ? Optional.empty()
              : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
      String fix;
      if (status == 301 || status == 307 || (status == 400 && region.isPresent())) {
        fix =
            region
                .map(r -> "Set upload.region=" + r + " (the bucket's region).")
                .orElse(
                    "Check upload.region, upload.endpoint and upload.path-style: the store"
                        + " redirects instead of answering.");
      } else if (status == 404) {
        fix =
            "Create the bucket '"
                + settings.bucket()
                + "', or correct upload.bucket (and upload.endpoint for S3-compatible stores).";
      } else if (status == 403) {
        fix =
            "Give the application's credentials access to the bucket (s3:ListBucket for HEAD,"
                + " s3:PutObject under the prefix), or check which credentials the SDK's default"
                + " chain finds.";
      } else {
        fix = "Check upload.endpoint, upload.region and the store's own logs.";
      }
      findings.add(
          new Finding(
              check,
              Finding.Status.FAIL,
              "HEAD of bucket '"
                  + settings.bucket()
                  + "' at "
                  + endpointDescription()
                  + " answered "
                  + status
                  + region.map(r -> " (the bucket is in " + r + ")").orElse("")
                  + ".",
              why,
              fix));
    } catch (SdkClientException e) {
      findings.add(
          new Finding(
              check,
              Finding.Status.FAIL,
              "The store at " + endpointDescription() + " could not be reached: " + e.getMessage(),
              why,
              "Check upload.endpoint, the network path from this server, and that the store is"
                  + " running."));
    }
    return Optional.empty();
  }

  private String endpointDescription() {
    return settings.endpoint().map(URI::toString).orElse("AWS S3 in " + settings.region())
        + (settings.pathStyle() ? " (path-style)" : "");
  }

  private Finding clockSkew(HeadBucketResponse head) {
    String check = "clock-skew";
    String why =
        "Signatures carry this server's time: the store refuses them when the clocks differ by 15"
            + " minutes or more, and any difference shortens or lengthens every ticket.";
    Optional<String> date = head.sdkHttpResponse().firstMatchingHeader("Date");
    if (date.isEmpty()) {
      return new Finding(
          check,
          Finding.Status.WARN,
          "The store sent no Date header.",
          why,
          "Keep both clocks on NTP.");
    }
    Instant storeTime;
    try {
      storeTime = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return new Finding(
          check,
          Finding.Status.WARN,
          "The store's Date header '" + date.get() + "' is not an HTTP date.",
          why,
          "Keep both clocks on NTP.");
    }
    Duration skew = Duration.between(storeTime, clock.instant()).abs();
    String observed =
        "This server's clock and the store's differ by about " + skew.toSeconds() + " s.";
    if (skew.compareTo(REFUSED_SKEW) >= 0) {
      return new Finding(
          check, Finding.Status.FAIL, observed, why, "Synchronise this server's clock (NTP).");
    }
    if (skew.compareTo(NOTICEABLE_SKEW) >= 0) {
      return new Finding(
          check, Finding.Status.WARN, observed, why, "Synchronise this server's clock (NTP).");
    }
    return Finding.ok(check, observed, why);
  }

  private Finding signatureVersion() {
    String check = "signature-version";
    if (settings.signatureVersion() == SignatureVersion.V2 && settings.endpoint().isEmpty()) {
      return new Finding(
          check,
          Finding.Status.WARN,
          "upload.signature-version is v2 and the store is AWS S3.",
          "AWS refuses SigV2 on buckets created after June 2020 and for KMS, and a v2 ticket"
              + " cannot bind the upload's size.",
          "Set upload.signature-version=v4.");
    }
    return Finding.ok(
        check,
        "Tickets are signed with " + settings.signatureVersion() + ".",
        "The signature decides which stores accept the tickets and what they bind.");
  }

  private String canaryKey() {
    return settings.keyPrefix() + "_doctor/" + UUID.randomUUID() + ".txt";
  }

  private String canaryType() {
    String pattern = settings.allowedContentTypes().patterns().get(0);
    if (pattern.equals("*/*")) {
      return "application/octet-stream";
    }
    return pattern.endsWith("/*") ? pattern.replace("*", "x-doctor-canary") : pattern;
  }

  private static final byte[] CANARY_BYTES =
      "S3 Direct Upload doctor canary; deleted at once.\n".getBytes(StandardCharsets.US_ASCII);

  private UploadTicket canaryTicket() {
    return issuer.issueCanary(
        canaryKey(), new UploadRequest("doctor-canary.txt", canaryType(), CANARY_BYTES.length));
  }

  private List<Finding> cors(UploadTicket canary) {
    List<Finding> findings = new ArrayList<>();
    String why =
        "Browsers ask the bucket first (a CORS preflight) whether this page may PUT with these"
            + " headers; if the answer is no, the browser blocks the upload and only says"
            + " 'network error'.";
    String requested =
        canary.headers().keySet().stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .sorted()
            .reduce((a, b) -> a + "," + b)
            .orElse("");
    if (settings.allowedOrigins().isEmpty()) {
      findings.add(
          new Finding(
              "cors-preflight",
              Finding.Status.FAIL,
              "upload.allowed-origins is empty, so there is no origin to check.",
              why,
              "Set upload.allowed-origins to the address(es) people open the page at, then apply"
                  + " the CORS rule: "
                  + documents.corsRule()));
      return findings;
    }
    for (String origin : settings.allowedOrigins()) {
      findings.add(preflightFinding(canary, origin, requested, why));
    }
    findings.add(foreignOriginFinding(canary, requested, why));
    return findings;
  }

  private Finding preflightFinding(
      UploadTicket canary, String origin, String requested, String why) {
    String check = "cors-preflight " + origin;
    try {
      Preflight full = preflight(canary.url(), origin, requested);
      if (full.allows(origin, requested)) {
        return Finding.ok(
            check,
            "A preflight from "
                + origin
                + " for PUT with "
                + requested
                + " was accepted ("
                + full.status
                + ").",
            why);
      }
      // find out what exactly is refused: the origin itself, or which header
      Preflight bare = preflight(canary.url(), origin, "");
      if (!bare.allows(origin, "")) {
        return new Finding(
            check,
            Finding.Status.FAIL,
            "A preflight from "
                + origin
                + " for PUT was refused ("
                + full.describe()
                + "): the origin "
                + origin
                + " or the method PUT is not allowed.",
            why,
            "Add a CORS rule that allows the origin "
                + origin
                + " and the method PUT: "
                + documents.corsRule());
      }
      List<String> missing = new ArrayList<>();
      for (String header : requested.split(",")) {
        if (!preflight(canary.url(), origin, header).allows(origin, header)) {
          missing.add(header);
        }
      }
      return new Finding(
          check,
          Finding.Status.FAIL,
          "A preflight from "
              + origin
              + " for PUT with "
              + requested
              + " was refused ("
              + full.describe()
              + "). Not allowed: "
              + (missing.isEmpty() ? "the combination of headers" : String.join(", ", missing))
              + ".",
          why,
          "Add "
              + (missing.isEmpty() ? "the ticket's headers" : String.join(", ", missing))
              + " to the AllowedHeaders of the bucket's CORS rule, which should read: "
              + documents.corsRule());
    } catch (IOException e) {
      return unsent(check, Finding.Status.FAIL, why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking CORS", e);
    }
  }

  private Finding unsent(String check, Finding.Status status, String why, IOException e) {
    return new Finding(
        check,
        status,
        "The preflight could not be sent: " + e.getMessage(),
        why,
        "Check that this server can reach " + endpointDescription() + ".");
  }

  private Finding foreignOriginFinding(UploadTicket canary, String requested, String why) {
    String check = "cors-foreign-origin";
    try {
      Preflight foreign = preflight(canary.url(), FOREIGN_ORIGIN, requested);
      if (foreign.allows(FOREIGN_ORIGIN, requested)) {
        return new Finding(
            check,
            Finding.Status.FAIL,
            "A preflight from "
                + FOREIGN_ORIGIN
                + ", which is not an allowed origin, was accepted (Access-Control-Allow-Origin: "
                + foreign.allowOrigin
                + ").",
            "Any web site could then make its visitors' browsers write into this bucket with a"
                + " leaked ticket, or read from it.",
            "Restrict the CORS rule's AllowedOrigins to "
                + String.join(", ", settings.allowedOrigins())
                + "; never '*'.");
      }
      return Finding.ok(
          check,
          "A preflight from " + FOREIGN_ORIGIN + " was refused (" + foreign.describe() + ").",
          "The CORS rule must not let other sites use the bucket from a browser.");
    } catch (IOException e) {
      return unsent(check, Finding.Status.WARN, why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking CORS", e);
    }
  }

  private List<Finding> canaryUpload(UploadTicket canary) {
    List<Finding> findings = new ArrayList<>();
    String versionId = null;
    String why =
        "This is what a person's upload does: a PUT through a real ticket, with exactly its"
            + " headers.";
    try {
      HttpRequest.Builder put =
          HttpRequest.newBuilder(URI.create(canary.url()))
              .timeout(Duration.ofSeconds(20))
              .PUT(HttpRequest.BodyPublishers.ofByteArray(CANARY_BYTES));
      canary.headers().forEach(put::header);
      settings.allowedOrigins().stream().findFirst().ifPresent(o -> put.header("Origin", o));
      HttpResponse<String> response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        findings.add(
            new Finding(
                "canary-upload",
                Finding.Status.FAIL,
                "The canary PUT through a ticket was refused: HTTP "
                    + response.statusCode()
                    + " "
                    + s3ErrorCode(response.body())
                    + ".",
                why,
                "SignatureDoesNotMatch: check the credentials and upload.region;"
                    + " AccessDenied: the bucket policy or the signer's permissions;"
                    + " RequestTimeTooSkewed: the clocks."));
        return findings;
      }
      versionId = response.headers().firstValue("x-amz-version-id").orElse(null);
      String sse =
          s3.headObject(b -> b.bucket(settings.bucket()).key(canary.key()))
              .serverSideEncryptionAsString();
      if (settings.sse().headerValue().equals(sse)) {
        findings.add(
            Finding.ok(
                "canary-upload",
                "A canary uploaded through a ticket was stored with encryption " + sse + ".",
                why));
      } else {
        findings.add(
            new Finding(
                "canary-upload",
                Finding.Status.FAIL,
                "A canary uploaded through a ticket was stored with encryption "
                    + Objects.toString(sse, "none")
                    + ", not "
                    + settings.sse().headerValue()
                    + ".",
                why,
                "The store ignores the encryption header: configure encryption at rest in the"
                    + " store, or use a store that implements SSE."));
      }
      findings.add(exposesEtag(response));
    } catch (IOException e) {
      findings.add(
          new Finding(
              "canary-upload",
              Finding.Status.FAIL,
              "The canary PUT could not be sent: " + e.getMessage(),
              why,
              "Check that this server can reach " + endpointDescription() + "."));
    } catch (S3Exception e) {
      findings.add(
          new Finding(
              "canary-upload",
              Finding.Status.FAIL,
              "The canary was sent, but reading it back failed: "
                  + e.statusCode()
                  + " "
                  + errorCode(e)
                  + ".",
              why,
              "Let the application's credentials read objects under "
                  + settings.keyPrefix()
                  + "_doctor/ (s3:GetObject)."));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during the canary upload", e);
    } finally {
      delete(canary.key(), versionId);
    }
    return findings;
  }

  private Finding exposesEtag(HttpResponse<String> response) {
    String check = "cors-expose-etag";
    String why = "The page reads ETag from the store's answer to confirm what was stored.";
    List<String> exposed =
        response
            .headers()
            .firstValue("Access-Control-Expose-Headers")
            .map(
                v ->
                    Arrays.stream(v.split(","))
                        .map(s -> s.trim().toLowerCase(Locale.ROOT))
                        .toList())
            .orElse(List.of());
    if (exposed.contains("etag") || exposed.contains("*")) {
      return Finding.ok(check, "The store exposes ETag to the page's origin.", why);
    }
    return new Finding(
        check,
        Finding.Status.WARN,
        "The store's answer to a cross-origin PUT does not expose ETag (Access-Control-Expose-Headers: "
            + response.headers().firstValue("Access-Control-Expose-Headers").orElse("absent")
            + ").",
        why,
        "Add ETag to the ExposeHeaders of the bucket's CORS rule.");
  }

  private Finding encryptionEnforcedByPolicy() {
    String check = "policy-enforces-encryption";
    String why =
        "Tickets cannot skip encryption, but other credentials can; a bucket policy that denies"
            + " unencrypted PutObject closes that path.";
    String key = canaryKey();
    String versionId = null;
    try {
      versionId =
          s3.putObject(
                  b -> b.bucket(settings.bucket()).key(key).contentType("text/plain"),
                  RequestBody.fromBytes(CANARY_BYTES))
              .versionId();
      return new Finding(
          check,
          Finding.Status.FAIL,
          "A PUT without the encryption header, signed with the application's credentials, was"
              + " accepted.",
          why,
          "Apply the bucket policy (POST /api/bucket/setup, ./bucket.sh apply or server-config/);"
              + " if the store has no bucket policies (apply says not-supported), restrict who"
              + " holds write credentials for it. The policy: "
              + documents.policy());
    } catch (S3Exception e) {
      if (e.statusCode() == 403 && "AccessDenied".equals(errorCode(e))) {
        return Finding.ok(
            check, "A PUT without the encryption header was refused (403 AccessDenied).", why);
      }
      return new Finding(
          check,
          Finding.Status.WARN,
          "A PUT without the encryption header failed with "
              + e.statusCode()
              + " "
              + errorCode(e)
              + ", which does not show whether the policy refused it.",
          why,
          "Look at the other findings (clock, canary upload) first, then run the doctor again.");
    } catch (SdkClientException e) {
      return new Finding(
          check, Finding.Status.WARN, "The PUT could not be sent: " + e.getMessage(), why, "");
    } finally {
      delete(key, versionId);
    }
  }

  private Finding defaultEncryption() {
    String check = "default-encryption";
    String why = "Default encryption covers objects written by other tools, outside the tickets.";
    try {
      var rules =
          s3.getBucketEncryption(b -> b.bucket(settings.bucket()))
              .serverSideEncryptionConfiguration()
              .rules();
      ServerSideEncryptionByDefault byDefault =
          rules.isEmpty() ? null : rules.get(0).applyServerSideEncryptionByDefault();
      if (byDefault == null) {
        return new Finding(
            check, Finding.Status.FAIL, "The bucket has no default encryption.", why, applyHint());
      }
      if (!settings.sse().headerValue().equals(byDefault.sseAlgorithmAsString())
          || (settings.sseKmsKeyId().isPresent()
              && !settings.sseKmsKeyId().get().equals(byDefault.kmsMasterKeyID()))) {
        return new Finding(
            check,
            Finding.Status.WARN,
            "Default encryption is "
                + byDefault.sseAlgorithmAsString()
                + Optional.ofNullable(byDefault.kmsMasterKeyID())
                    .map(k -> " with key " + k)
                    .orElse("")
                + ", the tickets ask for "
                + settings.sse().headerValue()
                + settings.sseKmsKeyId().map(k -> " with key " + k).orElse("")
                + ".",
            why,
            applyHint());
      }
      return Finding.ok(
          check, "Default encryption is " + byDefault.sseAlgorithmAsString() + ".", why);
    } catch (S3Exception e) {
      return unreadable(
          check, why, e, "ServerSideEncryptionConfigurationNotFoundError", "default encryption");
    } catch (SdkClientException e) {
      return new Finding(check, Finding.Status.WARN, e.getMessage(), why, "");
    }
  }

  private Finding publicAccessBlock() {
    String check = "public-access-block";
    String why = "The public-access block stops any later ACL or policy from opening the bucket.";
    try {
      PublicAccessBlockConfiguration block =
          s3.getPublicAccessBlock(b -> b.bucket(settings.bucket()))
              .publicAccessBlockConfiguration();
      List<String> off = new ArrayList<>();
      if (!Boolean.TRUE.equals(block.blockPublicAcls())) {
        off.add("BlockPublicAcls");
      }
      if (!Boolean.TRUE.equals(block.ignorePublicAcls())) {
        off.add("IgnorePublicAcls");
      }
      if (!Boolean.TRUE.equals(block.blockPublicPolicy())) {
        off.add("BlockPublicPolicy");
      }
      if (!Boolean.TRUE.equals(block.restrictPublicBuckets())) {
        off.add("RestrictPublicBuckets");
      }
      if (off.isEmpty()) {
        return Finding.ok(check, "All four public-access blocks are on.", why);
      }
      return new Finding(
          check, Finding.Status.FAIL, "Off: " + String.join(", ", off) + ".", why, applyHint());
    } catch (S3Exception e) {
      return unreadable(
          check, why, e, "NoSuchPublicAccessBlockConfiguration", "public-access block");
    } catch (SdkClientException e) {
      return new Finding(check, Finding.Status.WARN, e.getMessage(), why, "");
    }
  }

  private Finding unreadable(
      String check, String why, S3Exception e, String absentCode, String what) {
    String code = errorCode(e);
    if ("NoSuchPublicAccessBlockConfiguration".equals(code)) {
      return new Finding(
          check,
          Finding.Status.WARN,
          "The bucket has no public-access block of its own.",
          why,
          "If your AWS account blocks public access for all buckets, that covers this one;"
              + " otherwise "
              + applyHint().substring(0, 1).toLowerCase(Locale.ROOT)
              + applyHint().substring(1));
    }
    if (absentCode.equals(code)) {
      return new Finding(
          check, Finding.Status.FAIL, "The bucket has no " + what + ".", why, applyHint());
    }
    if (e.statusCode() == 501) {
      return new Finding(
          check,
          Finding.Status.WARN,
          "The store does not implement the " + what + " (501).",
          why,
          "Configure the equivalent in the store itself.");
    }
    return new Finding(
        check,
        Finding.Status.WARN,
        "The " + what + " could not be read (" + e.statusCode() + " " + code + ").",
        why,
        "Let the application's credentials read it, or check it with your own tools.");
  }

  private String applyHint() {
    return "Apply the bucket documents: POST /api/bucket/setup, ./bucket.sh apply, or your own"
        + " tools with GET /api/bucket/setup.";
  }

  /** Deletes a canary (by version on a versioned bucket); a failure becomes a finding. */
  private void delete(String key, String versionId) {
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(key).versionId(versionId));
    } catch (RuntimeException e) {
      cleanupProblems.add(
          new Finding(
              "canary-cleanup",
              Finding.Status.WARN,
              "The canary " + key + " could not be deleted: " + e.getMessage(),
              "Canaries are tiny, but they should not stay in the bucket.",
              "Delete it, and let the application's credentials delete objects under "
                  + settings.keyPrefix()
                  + "_doctor/ (s3:DeleteObject, s3:DeleteObjectVersion on versioned buckets)."));
    }
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? "" : Objects.toString(e.awsErrorDetails().errorCode(), "");
  }

  private static String s3ErrorCode(String body) {
    int start = body.indexOf("<Code>");
    int end = body.indexOf("</Code>");
    return start >= 0 && end > start ? body.substring(start + 6, end) : "";
  }

  private Preflight preflight(String url, String origin, String requestedHeaders)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "PUT");
    if (!requestedHeaders.isEmpty()) {
      request.header("Access-Control-Request-Headers", requestedHeaders);
    }
    HttpResponse<Void> response =
        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    return new Preflight(
        response.statusCode(),
        response.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        response.headers().firstValue("Access-Control-Allow-Methods").orElse(""),
        response.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
  }

  /** A preflight's answer, judged the way a browser judges it. */
  private record Preflight(
      int status, String allowOrigin, String allowMethods, String allowHeaders) {

    boolean allows(String origin, String requestedHeaders) {
      if (status / 100 != 2 || allowOrigin == null) {
        return false;
      }
      if (!allowOrigin.equals("*") && !allowOrigin.equalsIgnoreCase(origin)) {
        return false;
      }
      List<String> methods = split(allowMethods);
      if (!methods.contains("put") && !methods.contains("*")) {
        return false;
      }
      List<String> headers = split(allowHeaders);
      if (headers.contains("*") || requestedHeaders.isEmpty()) {
        return true;
      }
      return headers.containsAll(split(requestedHeaders));
    }

    String describe() {
      return "HTTP "
          + status
          + (allowOrigin == null
              ? ", no Access-Control-Allow-Origin"
              : ", Access-Control-Allow-Origin: " + allowOrigin);
    }

    private static List<String> split(String list) {
      return Arrays.stream(list.split(","))
          .map(s -> s.trim().toLowerCase(Locale.ROOT))
          .filter(s -> !s.isEmpty())
          .toList();
    }
  }
}
