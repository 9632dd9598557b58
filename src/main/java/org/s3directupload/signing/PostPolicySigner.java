package org.s3directupload.signing;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.s3directupload.json.Jsons;
import org.s3directupload.storage.StorageClients;
import org.s3directupload.storage.StoreSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Browser-based POST uploads: a policy document listing every form field the browser sends as an
 * exact condition, and the size as {@code content-length-range}, signed with SigV4 ({@code X-Amz-*}
 * fields) or the legacy v2 form signature ({@code AWSAccessKeyId}, {@code signature}). The store
 * enforces the policy, so unlike a v2 {@code PUT} a v2 form binds the size too. No library on the
 * JVM signs policies (the AWS SDK for Java v2 has no presigned POST), hence this.
 *
 * <p>The store refuses a form with a field the policy does not name, and one whose field differs
 * from its condition: the fields returned are exactly what the browser must send, in order, before
 * the file.
 */
final class PostPolicySigner {

  static final String KEY = "key";
  static final String POLICY = "policy";
  static final String SUCCESS_ACTION_STATUS = "success_action_status";
  static final String SUCCESS_ACTION_REDIRECT = "success_action_redirect";

  private static final DateTimeFormatter EXPIRATION =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final AwsCredentialsProvider credentials;
  private final StoreSettings store;
  private final SignatureVersion version;
  private final Clock clock;
  private final URI url;

  PostPolicySigner(
      AwsCredentialsProvider credentials,
      StoreSettings store,
      SignatureVersion version,
      Clock clock) {
    this.credentials = credentials;
    this.store = store;
    this.version = version;
    this.clock = clock;
    this.url = bucketUrl(store);
  }

  /** Where the form is posted: the bucket itself, addressed as the SDK addresses it. */
  static URI bucketUrl(StoreSettings store) {
    // S3Utilities wants a key; the bucket's own URL is the object URL without it
    String placeholder = "placeholder";
    URL object =
        StorageClients.addressing(store).getUrl(b -> b.bucket(store.bucket()).key(placeholder));
    String text = object.toString();
    return URI.create(text.substring(0, text.length() - placeholder.length()));
  }

  /**
   * The signed form for one object.
   *
   * @param key the exact key: no {@code ${filename}}, no prefix condition
   * @param fields the form fields to send before the file, each bound exactly by the policy
   *     (content type, disposition, encryption, metadata, ...; a success action among them)
   * @param minSize the smallest body allowed, in bytes
   * @param maxSize the largest body allowed, in bytes
   * @param lifetime how long the form can be posted
   */
  SignedPost sign(
      String key, Map<String, String> fields, long minSize, long maxSize, Duration lifetime) {
    AwsCredentials identity = credentials.resolveCredentials();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);

    Map<String, String> form = new LinkedHashMap<>();
    form.put(KEY, key);
    form.putAll(fields);
    if (identity instanceof AwsSessionCredentials session) {
      form.put(TicketHeaders.SECURITY_TOKEN, session.sessionToken());
    }
    String scope = null;
    if (version == SignatureVersion.V4) {
      scope = DATE_STAMP.format(now) + "/" + store.region() + "/s3/aws4_request";
      form.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
      form.put("x-amz-credential", identity.accessKeyId() + "/" + scope);
      form.put("x-amz-date", AMZ_DATE.format(now));
    }

    JsonArrayBuilder conditions = Jsons.createArrayBuilder();
    conditions.add(Jsons.createObjectBuilder().add("bucket", store.bucket()));
    form.forEach((name, value) -> conditions.add(Jsons.createObjectBuilder().add(name, value)));
    conditions.add(
        Jsons.createArrayBuilder().add("content-length-range").add(minSize).add(maxSize));
    JsonObject policy =
        Jsons.createObjectBuilder()
            .add("expiration", expiration(expiresAt))
            .add("conditions", conditions)
            .build();
    String encoded = base64(policy.toString());

    Map<String, String> signed = new LinkedHashMap<>(form);
    if (version == SignatureVersion.V4) {
      signed.put(POLICY, encoded);
      signed.put(
          "x-amz-signature",
          sigV4Signature(identity.secretAccessKey(), scope.split("/")[0], store.region(), encoded));
    } else {
      // v2: the access key is not a policy condition, and the order puts it before the policy
      Map<String, String> v2 = new LinkedHashMap<>();
      v2.put("AWSAccessKeyId", identity.accessKeyId());
      v2.putAll(form);
      v2.put(POLICY, encoded);
      v2.put("signature", SigV2QuerySigner.signature(identity.secretAccessKey(), encoded));
      signed = v2;
    }
    return new SignedPost(url, signed, expiresAt);
  }

  /** A policy's {@code expiration}: ISO 8601 in UTC with milliseconds, as AWS writes it. */
  static String expiration(Instant at) {
    return EXPIRATION.format(at);
  }

  /** The policy as it is sent and signed: Base64 of its UTF-8 bytes. */
  static String base64(String policy) {
    return Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * SigV4 for a POST: the string to sign is the Base64 policy itself, signed with the key derived
   * from the secret, the date, the region and {@code s3}; hex.
   *
   * @param dateStamp {@code yyyyMMdd}, the date of the credential scope
   */
  static String sigV4Signature(
      String secretAccessKey, String dateStamp, String region, String base64Policy) {
    return SigV4QuerySigner.signature(secretAccessKey, dateStamp, region, "s3", base64Policy);
  }
}
