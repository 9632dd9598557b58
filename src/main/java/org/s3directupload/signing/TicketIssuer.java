package org.s3directupload.signing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.s3directupload.identity.PersonSegment;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Turns a request into a signed ticket in one pass: {@link #accept} checks it against the rules
 * (type, size) and computes the file's names; {@link #issue} chooses the key and signs what was
 * accepted, without checking again.
 */
public final class TicketIssuer {

  private final SigningSettings settings;
  private final UploadRules rules;
  private final KeyPolicy keys;
  private final PutSigner signer;
  private final PostPolicySigner forms;
  private final Clock clock;

  TicketIssuer(SigningSettings settings, PutSigner signer, Clock clock) {
    this(settings, signer, null, clock);
  }

  /**
   * @param forms signs the tickets when the settings ask for {@code post}; may be null otherwise
   */
  TicketIssuer(SigningSettings settings, PutSigner signer, PostPolicySigner forms, Clock clock) {
    this.settings = settings;
    this.rules = new UploadRules(settings);
    this.keys = new KeyPolicy(settings.keyPrefix());
    this.signer = signer;
    this.forms = forms;
    this.clock = clock;
  }

  /**
   * The issuer for these settings, with the signer their signature version asks for.
   *
   * @param credentials what both signature versions sign with
   */
  public static TicketIssuer forSettings(
      SigningSettings settings, AwsCredentialsProvider credentials, Clock clock) {
    PutSigner signer =
        switch (settings.signatureVersion()) {
          case V4 -> new SigV4QuerySigner(credentials, settings.store(), clock);
          case V2 -> new SigV2QuerySigner(credentials, settings.store(), clock);
        };
    PostPolicySigner forms =
        new PostPolicySigner(credentials, settings.store(), settings.signatureVersion(), clock);
    return new TicketIssuer(settings, signer, forms, clock);
  }

  /**
   * Checks a request against the rules, signing nothing.
   *
   * @throws UploadRefusal when the request may not be uploaded
   */
  public AcceptedUpload accept(UploadRequest request) {
    return rules.check(request);
  }

  /**
   * A ticket for {@code person}'s upload, under that person's own segment.
   *
   * @param person the signed-in person's canonical name
   */
  public UploadTicket issue(String person, AcceptedUpload upload) {
    UUID id = UUID.randomUUID();
    String key = keys.keyFor(person, id, upload.safeName(), clock.instant());
    return sign(id.toString(), key, PersonSegment.of(person), upload);
  }

  /**
   * Checks a request for a file that goes in parts against the rules, signing nothing: no
   * whole-file SHA-256 is asked for, each part carries its own.
   *
   * @throws UploadRefusal when the request may not be uploaded
   */
  public AcceptedUpload acceptInParts(UploadRequest request) {
    return rules.check(request, true);
  }

  /**
   * Everything a multipart upload of {@code person}'s file is started with: its id and key under
   * the person's segment, how it is cut into parts, and the headers of {@code
   * CreateMultipartUpload}, which fix its type, name, encryption, metadata, tags, storage class and
   * checksum algorithm before the browser sends a byte.
   *
   * @param partSize the preferred part size, raised as needed to keep within 10,000 parts
   */
  public MultipartStart startMultipart(String person, AcceptedUpload upload, long partSize) {
    UUID id = UUID.randomUUID();
    String key = keys.keyFor(person, id, upload.safeName(), clock.instant());
    return start(id.toString(), key, PersonSegment.of(person), upload, partSize);
  }

  /**
   * A multipart upload for a key the caller chose, for the bucket doctor's canary: started with
   * exactly the headers a person's upload in parts is started with, so the canary meets the same
   * encryption, policy and signatures. Like a person's, it asks for no whole-file checksum.
   *
   * @param key must lie under the configured prefix
   * @throws UploadRefusal when the canary's own type or size is not allowed
   */
  public MultipartStart startCanaryMultipart(String key, UploadRequest request, long partSize) {
    requireCanaryKey(key);
    return start(
        UUID.randomUUID().toString(), key, CANARY_UPLOADER, rules.check(request, true), partSize);
  }

  private MultipartStart start(
      String id, String key, String uploadedBy, AcceptedUpload upload, long partSize) {
    Map<String, String> headers = TicketHeaders.forUpload(settings, upload, uploadedBy, id);
    headers.remove(TicketHeaders.IF_NONE_MATCH); // CompleteMultipartUpload carries it instead
    headers.remove(TicketHeaders.CHECKSUM_SHA256); // each part carries its own
    return new MultipartStart(
        id, key, PartPlan.of(upload.size(), partSize), upload.contentType(), headers);
  }

  /**
   * A URL for one part of a multipart upload, which works only for a body of exactly {@code size}
   * bytes whose SHA-256 is {@code checksumSha256} (v4; v2 binds the upload and part number and the
   * checksum header, not the length).
   */
  public PartTicket signPart(
      String key, String uploadId, int partNumber, long size, String checksumSha256) {
    Map<String, String> headers = Map.of(TicketHeaders.CHECKSUM_SHA256, checksumSha256);
    SignedPut put =
        signer.sign(
            key,
            Map.of("partNumber", Integer.toString(partNumber), "uploadId", uploadId),
            size,
            headers,
            settings.urlLifetime());
    return new PartTicket(
        partNumber,
        put.url().toString(),
        put.headers(),
        put.expiresAt().truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * A ticket for a key the caller chose, for the bucket doctor's canary uploads: signed exactly as
   * a person's ticket is, so the canary meets the same signature, CORS rule and policy.
   *
   * @param key must lie under the configured prefix
   * @throws UploadRefusal when the canary's own type or size is not allowed
   */
  public UploadTicket issueCanary(String key, UploadRequest request) {
    requireCanaryKey(key);
    return sign(UUID.randomUUID().toString(), key, CANARY_UPLOADER, rules.check(request));
  }

  /**
   * The media types a person can choose for an upload without JavaScript: the allowed types that
   * name one type exactly, since a form's policy binds the type it will be stored with.
   */
  public List<String> formContentTypes() {
    return settings.allowedContentTypes().patterns().stream()
        .filter(type -> !type.contains("*"))
        .toList();
  }

  /**
   * Checks a form-only upload of {@code contentType}: its size and name are not known before it is
   * sent, so it is named after its type ({@code upload.pdf}) and its size is bounded by the policy
   * to between one byte and {@code upload.max-size}.
   *
   * @throws UploadRefusal when the type is not one of {@link #formContentTypes()}
   */
  public AcceptedUpload acceptForm(String contentType) {
    if (contentType == null || !formContentTypes().contains(contentType)) {
      throw UploadRefusal.invalid("Choose one of the types offered: " + formContentTypes() + ".");
    }
    String extension = FORM_EXTENSIONS.get(contentType);
    String name = extension == null ? "upload" : "upload." + extension;
    return rules.check(new UploadRequest(name, contentType, 1));
  }

  /** The extension of a form upload's name ({@code upload.pdf}) by its type. */
  private static final Map<String, String> FORM_EXTENSIONS =
      Map.of(
          "application/pdf", "pdf",
          "image/png", "png",
          "image/jpeg", "jpg",
          "image/gif", "gif",
          "text/plain", "txt",
          "text/csv", "csv",
          "application/zip", "zip");

  /**
   * A POST form for {@code person}'s upload without JavaScript: the exact key and type, a size
   * between one byte and {@code upload.max-size}, and {@code success_action_redirect} instead of a
   * status, so that the store sends the browser back to the application.
   *
   * @param upload from {@link #acceptForm}
   * @param redirectFor the application's address to come back to, given the upload's id
   * @throws IllegalStateException when tickets are not forms ({@code upload.method} is not post)
   */
  public UploadTicket issueForm(
      String person, AcceptedUpload upload, UnaryOperator<String> redirectFor) {
    if (settings.method() != UploadMethod.POST) {
      throw new IllegalStateException("Forms are signed only with upload.method=post");
    }
    UUID id = UUID.randomUUID();
    String key = keys.keyFor(person, id, upload.safeName(), clock.instant());
    Map<String, String> fields =
        TicketHeaders.asFormFields(
            TicketHeaders.forUpload(settings, upload, PersonSegment.of(person), id.toString()));
    fields.put(PostPolicySigner.SUCCESS_ACTION_REDIRECT, redirectFor.apply(id.toString()));
    SignedPost post = forms.sign(key, fields, 1, settings.maxSize(), settings.urlLifetime());
    return new UploadTicket(
        id.toString(),
        key,
        "POST",
        post.url().toString(),
        Map.of(),
        post.fields(),
        post.expiresAt());
  }

  /**
   * For the bucket doctor only: a canary's form <em>without</em> the encryption field, signed with
   * the application's credentials, which the bucket policy must refuse. No ticket ever lacks the
   * field; this shows whether the bucket itself refuses a form upload (an {@code s3:PutObject} too)
   * that does not ask for encryption.
   *
   * @param key must lie under the configured prefix
   * @throws IllegalStateException when tickets are not forms
   */
  public UploadTicket issueUnencryptedCanaryForm(String key, UploadRequest request) {
    requireCanaryKey(key);
    if (settings.method() != UploadMethod.POST) {
      throw new IllegalStateException("Forms are signed only with upload.method=post");
    }
    AcceptedUpload upload = rules.check(request);
    String id = UUID.randomUUID().toString();
    Map<String, String> headers = TicketHeaders.forUpload(settings, upload, CANARY_UPLOADER, id);
    headers.remove(TicketHeaders.SSE);
    headers.remove(TicketHeaders.SSE_KMS_KEY_ID);
    Map<String, String> fields = TicketHeaders.asFormFields(headers);
    fields.put(PostPolicySigner.SUCCESS_ACTION_STATUS, "204");
    SignedPost post = forms.sign(key, fields, upload.size(), upload.size(), settings.urlLifetime());
    return new UploadTicket(
        id, key, "POST", post.url().toString(), Map.of(), post.fields(), post.expiresAt());
  }

  private void requireCanaryKey(String key) {
    if (!key.startsWith(settings.keyPrefix()) || key.contains("..") || key.contains("//")) {
      throw new IllegalArgumentException("A canary key must lie under the key prefix");
    }
  }

  /** Who a canary is from, in its metadata: no person's segment looks like it. */
  static final String CANARY_UPLOADER = ".bucket-doctor";

  private UploadTicket sign(String id, String key, String uploadedBy, AcceptedUpload upload) {
    Map<String, String> headers = TicketHeaders.forUpload(settings, upload, uploadedBy, id);
    if (settings.method() == UploadMethod.POST) {
      Map<String, String> fields = TicketHeaders.asFormFields(headers);
      fields.put(PostPolicySigner.SUCCESS_ACTION_STATUS, "204");
      // the exact size: one byte more or less and the store refuses the form
      SignedPost post =
          forms.sign(key, fields, upload.size(), upload.size(), settings.urlLifetime());
      return new UploadTicket(
          id, key, "POST", post.url().toString(), Map.of(), post.fields(), post.expiresAt());
    }
    SignedPut put = signer.sign(key, upload.size(), headers, settings.urlLifetime());
    // whole seconds, rounded down: signatures carry second precision, so the URL really dies then
    Instant expiresAt = put.expiresAt().truncatedTo(ChronoUnit.SECONDS);
    return new UploadTicket(
        id, key, "PUT", put.url().toString(), put.headers(), Map.of(), expiresAt);
  }
}
