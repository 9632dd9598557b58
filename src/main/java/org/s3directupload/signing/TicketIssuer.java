package org.s3directupload.signing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.s3directupload.config.UploadSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Turns a parsed upload request into a signed ticket: rules, key, headers, signature. */
public final class TicketIssuer {

  private final UploadSettings settings;
  private final UploadRules rules;
  private final KeyPolicy keys;
  private final PutSigner signer;
  private final Clock clock;

  TicketIssuer(UploadSettings settings, PutSigner signer, Clock clock) {
    this.settings = settings;
    this.rules = new UploadRules(settings);
    this.keys = new KeyPolicy(settings.keyPrefix());
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * The issuer for these settings, with the signer their signature version asks for.
   *
   * @param presigner used for v4
   * @param credentials used for v2
   */
  public static TicketIssuer forSettings(
      UploadSettings settings,
      S3Presigner presigner,
      AwsCredentialsProvider credentials,
      Clock clock) {
    PutSigner signer =
        switch (settings.signatureVersion()) {
          case V4 -> new SigV4PutSigner(presigner, settings);
          case V2 -> new SigV2QuerySigner(credentials, settings, clock);
        };
    return new TicketIssuer(settings, signer, clock);
  }

  /**
   * A ticket for {@code person}'s upload, under that person's own segment.
   *
   * @param person the signed-in person's canonical name
   * @throws UploadRefusal when the request may not be uploaded
   */
  public UploadTicket issue(String person, UploadRequest request) {
    String contentType = rules.check(request);
    return sign(keys.keyFor(person, request.filename(), clock.instant()), contentType, request);
  }

  /**
   * Checks a request against the rules without signing anything.
   *
   * @throws UploadRefusal when the request may not be uploaded
   */
  public void check(UploadRequest request) {
    rules.check(request);
  }

  /**
   * A ticket for a key the caller chose, for the bucket doctor's canary uploads: signed exactly as
   * a person's ticket is, so the canary meets the same signature, CORS rule and policy.
   *
   * @param key must lie under the configured prefix
   */
  public UploadTicket issueCanary(String key, UploadRequest request) {
    if (!key.startsWith(settings.keyPrefix()) || key.contains("..") || key.contains("//")) {
      throw new IllegalArgumentException("A canary key must lie under the key prefix");
    }
    return sign(key, rules.check(request), request);
  }

  private UploadTicket sign(String key, String contentType, UploadRequest request) {
    Map<String, String> headers =
        TicketHeaders.forUpload(settings, contentType, request.filename());
    SignedPut put = signer.sign(key, request.size(), headers, settings.urlLifetime());
    // whole seconds, rounded down: signatures carry second precision, so the URL really dies then
    Instant expiresAt = put.expiresAt().truncatedTo(ChronoUnit.SECONDS);
    return new UploadTicket(key, "PUT", put.url().toString(), put.headers(), expiresAt);
  }
}
