package org.s3directupload.signing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.s3directupload.storage.StoreSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * AWS Signature Version 4 query signing of one {@code PUT} (a presigned URL), written out: every
 * ticket header, {@code Host} and {@code Content-Length} are signed headers, so the URL works only
 * for a body of the declared length sent with exactly those header values. The payload is {@code
 * UNSIGNED-PAYLOAD}; the declared SHA-256 is bound through the signed checksum header instead.
 *
 * <pre>
 * CanonicalRequest = PUT \n path \n sorted query \n name:value \n ... \n signed names \n UNSIGNED-PAYLOAD
 * StringToSign     = AWS4-HMAC-SHA256 \n date-time \n day/region/s3/aws4_request \n
 *                    hex(SHA-256(CanonicalRequest))
 * Signature        = hex(HMAC(HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), "s3"),
 *                    "aws4_request"), StringToSign))
 * </pre>
 *
 * <p>The SDK's {@code S3Presigner} signs the same URL (a unit test holds the two equal, one to one)
 * but builds a whole SDK request, interceptors and an execution context for it: a profile of the
 * ticket endpoint under load found a quarter of its CPU there. The object URL (endpoint,
 * addressing) is still the SDK's, found once.
 */
final class SigV4QuerySigner implements PutSigner {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  /** The headers a ticket may carry besides {@code x-amz-meta-*}, in lower case. */
  private static final Set<String> TICKET_HEADERS =
      Stream.of(
              TicketHeaders.CONTENT_TYPE,
              TicketHeaders.CONTENT_DISPOSITION,
              TicketHeaders.SSE,
              TicketHeaders.SSE_KMS_KEY_ID,
              TicketHeaders.IF_NONE_MATCH,
              TicketHeaders.CHECKSUM_SHA256,
              TicketHeaders.TAGGING,
              TicketHeaders.STORAGE_CLASS)
          .map(name -> name.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  private final AwsCredentialsProvider credentials;
  private final String region;
  private final Clock clock;

  private final ObjectUrls objects;

  SigV4QuerySigner(AwsCredentialsProvider credentials, StoreSettings settings, Clock clock) {
    this.credentials = credentials;
    this.region = settings.region();
    this.clock = clock;
    this.objects = new ObjectUrls(settings);
  }

  @Override
  public SignedPut sign(
      String key,
      Map<String, String> subresources,
      long size,
      Map<String, String> headers,
      Duration lifetime) {
    AwsCredentials identity = credentials.resolveCredentials();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String dateTime = DATE_TIME.format(now);
    String scope = dateTime.substring(0, 8) + "/" + region + "/s3/aws4_request";

    SortedMap<String, String> signedHeaders = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!TICKET_HEADERS.contains(lower) && !lower.startsWith("x-amz-meta-")) {
            throw new IllegalArgumentException("A ticket cannot carry " + name);
          }
          signedHeaders.put(lower, value);
        });
    signedHeaders.put("host", objects.host());
    signedHeaders.put("content-length", Long.toString(size));
    String signedNames = String.join(";", signedHeaders.keySet());

    SortedMap<String, String> query = new TreeMap<>(subresources);
    query.put("X-Amz-Algorithm", ALGORITHM);
    query.put("X-Amz-Credential", identity.accessKeyId() + "/" + scope);
    query.put("X-Amz-Date", dateTime);
    query.put("X-Amz-Expires", Long.toString(lifetime.toSeconds()));
    if (identity instanceof AwsSessionCredentials session) {
      query.put("X-Amz-Security-Token", session.sessionToken());
    }
    query.put("X-Amz-SignedHeaders", signedNames);
    String canonicalQuery = canonicalQuery(query);

    String canonicalRequest =
        canonicalRequest("PUT", objects.path(key), canonicalQuery, signedHeaders, UNSIGNED_PAYLOAD);
    String signature =
        signature(
            identity.secretAccessKey(),
            dateTime,
            region,
            "s3",
            stringToSign(dateTime, scope, canonicalRequest));
    URI url = URI.create(objects.url(key) + "?" + canonicalQuery + "&X-Amz-Signature=" + signature);
    return new SignedPut(url, headers, now.plus(lifetime));
  }

  /**
   * The canonical request: {@code headers} by lower-case name, sorted, their values trimmed with
   * inner runs of spaces made one.
   */
  static String canonicalRequest(
      String method,
      String encodedPath,
      String canonicalQuery,
      SortedMap<String, String> headers,
      String payloadHash) {
    StringBuilder text = new StringBuilder(512);
    text.append(method).append('\n').append(encodedPath).append('\n');
    text.append(canonicalQuery).append('\n');
    headers.forEach(
        (name, value) ->
            text.append(name)
                .append(':')
                .append(value.strip().replaceAll(" {2,}", " "))
                .append('\n'));
    text.append('\n').append(String.join(";", headers.keySet())).append('\n');
    text.append(payloadHash);
    return text.toString();
  }

  /** {@code name=value} pairs in order, each encoded as SigV4 asks, joined by {@code &}. */
  static String canonicalQuery(SortedMap<String, String> parameters) {
    StringBuilder text = new StringBuilder(256);
    parameters.forEach(
        (name, value) -> {
          if (!text.isEmpty()) {
            text.append('&');
          }
          text.append(encode(name, false)).append('=').append(encode(value, false));
        });
    return text.toString();
  }

  static String stringToSign(String dateTime, String scope, String canonicalRequest) {
    return ALGORITHM
        + '\n'
        + dateTime
        + '\n'
        + scope
        + '\n'
        + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The hex signature of {@code stringToSign} with the key derived for the day, region and service.
   *
   * @param date {@code yyyyMMdd}, or the request's date-time, which starts with it
   */
  static String signature(
      String secretAccessKey, String date, String region, String service, String stringToSign) {
    byte[] key =
        hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return HEX.formatHex(hmac(key, stringToSign));
  }

  /** RFC 3986 encoding as SigV4 asks: only {@code A-Z a-z 0-9 - _ . ~} (and maybe /) stay. */
  static String encode(String value, boolean keepSlash) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (keepSlash && c == '/')) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.toHexDigits((byte) c).toUpperCase(Locale.ROOT));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
    }
  }
}
