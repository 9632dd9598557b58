package org.s3directupload.signing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.s3directupload.storage.StoreSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Legacy AWS Signature Version 2 query-string signing, for S3-compatible stores without SigV4 (the
 * SDK v2 has no SigV2). AWS refuses it on buckets created after June 2020 and for KMS.
 *
 * <pre>
 * StringToSign = VERB \n Content-MD5 \n Content-Type \n Expires \n
 *                CanonicalizedAmzHeaders CanonicalizedResource
 * Signature    = Base64(HMAC-SHA1(secret, StringToSign))
 * </pre>
 *
 * <p>Content-Type and every {@code x-amz-*} header (the encryption header, and a session token) are
 * signed. {@code Content-Length} and {@code Content-Disposition} cannot be: SigV2 does not cover
 * them, so a v2 ticket does not bind the upload's size.
 */
final class SigV2QuerySigner implements PutSigner {

  private final AwsCredentialsProvider credentials;
  private final StoreSettings settings;
  private final ObjectUrls objects;
  private final Clock clock;

  SigV2QuerySigner(AwsCredentialsProvider credentials, StoreSettings settings, Clock clock) {
    this.credentials = credentials;
    this.settings = settings;
    this.objects = new ObjectUrls(settings);
    this.clock = clock;
  }

  @Override
  public SignedPut sign(
      String key,
      Map<String, String> subresources,
      long size,
      Map<String, String> headers,
      Duration lifetime) {
    AwsCredentials identity = credentials.resolveCredentials();
    Map<String, String> sent = new LinkedHashMap<>(headers);
    if (identity instanceof AwsSessionCredentials session) {
      sent.put(TicketHeaders.SECURITY_TOKEN, session.sessionToken());
    }
    Instant expiresAt = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    long expires = expiresAt.getEpochSecond();
    // sub-resources are part of the signed resource, sorted, their values as they are
    StringBuilder resource = new StringBuilder();
    StringBuilder query = new StringBuilder();
    new TreeMap<>(subresources)
        .forEach(
            (name, value) -> {
              resource
                  .append(resource.isEmpty() ? '?' : '&')
                  .append(name)
                  .append('=')
                  .append(value);
              query.append(name).append('=').append(urlEncode(value)).append('&');
            });
    String path = "/" + settings.bucket() + "/" + key + resource;
    String stringToSign =
        stringToSign(
            "PUT", "", sent.getOrDefault(TicketHeaders.CONTENT_TYPE, ""), expires, sent, path);
    String signature = signature(identity.secretAccessKey(), stringToSign);
    URI url =
        URI.create(
            objects.url(key)
                + "?"
                + query
                + "AWSAccessKeyId="
                + urlEncode(identity.accessKeyId())
                + "&Expires="
                + expires
                + "&Signature="
                + urlEncode(signature));
    return new SignedPut(url, sent, expiresAt);
  }

  /** The string SigV2 signs; {@code headers} may hold any headers, only x-amz-* are used. */
  static String stringToSign(
      String verb,
      String contentMd5,
      String contentType,
      long expires,
      Map<String, String> headers,
      String canonicalResource) {
    StringBuilder text = new StringBuilder();
    text.append(verb).append('\n');
    text.append(contentMd5).append('\n');
    text.append(contentType).append('\n');
    text.append(expires).append('\n');
    Map<String, String> amz = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.startsWith("x-amz-")) {
            amz.merge(lower, value.strip(), (a, b) -> a + "," + b);
          }
        });
    amz.forEach((name, value) -> text.append(name).append(':').append(value).append('\n'));
    text.append(canonicalResource);
    return text.toString();
  }

  /** Base64 of HMAC-SHA1 over the string to sign. */
  static String signature(String secretAccessKey, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secretAccessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required of every Java runtime", e);
    }
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
