package org.s3directupload.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every {@code upload.*} setting, converted once. Defaults live in {@code
 * META-INF/microprofile-config.properties} (one place, also read by the tests); a key with no value
 * there and none given is either optional here or reported as missing.
 *
 * @param bucket target bucket
 * @param keyPrefix every key starts with it; safe segments ending in {@code /}
 * @param signatureVersion how URLs are signed
 * @param urlLifetime how long a ticket's URL stays valid
 * @param region signing region
 * @param endpoint S3-compatible endpoint; empty means AWS
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key})
 * @param sse the encryption every upload must request
 * @param sseKmsKeyId KMS key for the {@code aws:kms*} modes; empty means the bucket's default key
 * @param allowedContentTypes the media types a person may upload
 * @param maxSize the largest upload in bytes
 * @param allowedOrigins browser origins that may PUT to the bucket (for its CORS rule)
 */
public record UploadSettings(
    String bucket,
    String keyPrefix,
    SignatureVersion signatureVersion,
    Duration urlLifetime,
    String region,
    Optional<URI> endpoint,
    boolean pathStyle,
    ServerSideEncryption sse,
    Optional<String> sseKmsKeyId,
    ContentTypePolicy allowedContentTypes,
    long maxSize,
    List<String> allowedOrigins) {

  public static final String BUCKET = "upload.bucket";
  public static final String KEY_PREFIX = "upload.key-prefix";
  public static final String SIGNATURE_VERSION = "upload.signature-version";
  public static final String URL_LIFETIME = "upload.url-lifetime";
  public static final String REGION = "upload.region";
  public static final String ENDPOINT = "upload.endpoint";
  public static final String PATH_STYLE = "upload.path-style";
  public static final String SSE = "upload.sse";
  public static final String SSE_KMS_KEY_ID = "upload.sse-kms-key-id";
  public static final String ALLOWED_CONTENT_TYPES = "upload.allowed-content-types";
  public static final String MAX_SIZE = "upload.max-size";
  public static final String ALLOWED_ORIGINS = "upload.allowed-origins";

  /** Every key this application reads, in the order the README lists them. */
  public static final List<String> KEYS =
      List.of(
          BUCKET,
          KEY_PREFIX,
          SIGNATURE_VERSION,
          URL_LIFETIME,
          REGION,
          ENDPOINT,
          PATH_STYLE,
          SSE,
          SSE_KMS_KEY_ID,
          ALLOWED_CONTENT_TYPES,
          MAX_SIZE,
          ALLOWED_ORIGINS);

  /** S3 refuses a single PUT above 5 GiB. */
  public static final long SINGLE_PUT_LIMIT = 5L * 1024 * 1024 * 1024;

  /** SigV4 presigned URLs cannot outlive seven days. */
  public static final Duration LONGEST_URL_LIFETIME = Duration.ofDays(7);

  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern KMS_KEY_ID = Pattern.compile("[A-Za-z0-9:/_.+=@-]{1,2048}");

  /**
   * Reads and checks every setting.
   *
   * @param source looks up a key; empty when it has no value
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static UploadSettings read(Function<String, Optional<String>> source) {
    ServerSideEncryption sse = ServerSideEncryption.parse(SSE, required(source, SSE));
    Optional<String> kmsKeyId = source.apply(SSE_KMS_KEY_ID).map(String::trim);
    if (kmsKeyId.isPresent()) {
      if (!sse.usesKms()) {
        throw new InvalidSettingException(
            SSE_KMS_KEY_ID,
            "is set, but " + SSE + " is " + sse.headerValue() + ", not a KMS mode.");
      }
      if (!KMS_KEY_ID.matcher(kmsKeyId.get()).matches()) {
        throw new InvalidSettingException(
            SSE_KMS_KEY_ID, "must be a KMS key id, alias or ARN without spaces.");
      }
    }
    SignatureVersion signatureVersion =
        SignatureVersion.parse(SIGNATURE_VERSION, required(source, SIGNATURE_VERSION));
    if (signatureVersion == SignatureVersion.V2 && sse.usesKms()) {
      throw new InvalidSettingException(
          SIGNATURE_VERSION,
          "is v2, but " + SSE + " is " + sse.headerValue() + ": KMS encryption requires v4.");
    }
    return new UploadSettings(
        bucket(required(source, BUCKET)),
        keyPrefix(required(source, KEY_PREFIX)),
        signatureVersion,
        urlLifetime(required(source, URL_LIFETIME)),
        region(required(source, REGION)),
        source.apply(ENDPOINT).map(UploadSettings::endpoint),
        bool(PATH_STYLE, required(source, PATH_STYLE)),
        sse,
        kmsKeyId,
        ContentTypePolicy.parse(ALLOWED_CONTENT_TYPES, required(source, ALLOWED_CONTENT_TYPES)),
        maxSize(required(source, MAX_SIZE)),
        source.apply(ALLOWED_ORIGINS).map(UploadSettings::origins).orElse(List.of()));
  }

  /** The key's value; a missing or blank one stops start-up naming the key. */
  static String required(Function<String, Optional<String>> source, String key) {
    return source
        .apply(key)
        .filter(value -> !value.isBlank())
        .orElseThrow(() -> new InvalidSettingException(key, "is required but has no value."));
  }

  private static String bucket(String value) {
    String name = value.trim();
    if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
      throw new InvalidSettingException(
          BUCKET,
          "must be a bucket name of 3 to 63 lower-case letters, digits, '.', '_' or '-', not '"
              + value
              + "'.");
    }
    return name;
  }

  private static String keyPrefix(String value) {
    String prefix = value.trim();
    if (prefix.length() > 256 || !prefix.endsWith("/")) {
      throw new InvalidSettingException(
          KEY_PREFIX, "must end with '/' and be at most 256 characters, not '" + value + "'.");
    }
    for (String segment : prefix.substring(0, prefix.length() - 1).split("/", -1)) {
      if (!PREFIX_SEGMENT.matcher(segment).matches()
          || segment.equals(".")
          || segment.equals("..")) {
        throw new InvalidSettingException(
            KEY_PREFIX,
            "must be segments of letters, digits, '.', '_' or '-' separated by '/', with no empty,"
                + " '.' or '..' segment, not '"
                + value
                + "'.");
      }
    }
    return prefix;
  }

  private static Duration urlLifetime(String value) {
    Duration lifetime;
    try {
      lifetime = Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidSettingException(
          URL_LIFETIME, "must be an ISO-8601 duration such as PT10M, not '" + value + "'.");
    }
    if (lifetime.compareTo(Duration.ofSeconds(1)) < 0
        || lifetime.compareTo(LONGEST_URL_LIFETIME) > 0) {
      throw new InvalidSettingException(
          URL_LIFETIME, "must be between PT1S and P7D (the SigV4 limit), not '" + value + "'.");
    }
    return lifetime;
  }

  private static String region(String value) {
    String region = value.trim();
    if (!REGION_NAME.matcher(region).matches()) {
      throw new InvalidSettingException(
          REGION, "must be a region name such as eu-central-1, not '" + value + "'.");
    }
    return region;
  }

  private static URI endpoint(String value) {
    return ServerAddresses.read(
        ENDPOINT,
        value,
        Set.of("http", "https"),
        "must be an http or https URL with a host and nothing else (no user name, password,"
            + " path or query), such as https://s3.example.com:9000.");
  }

  private static boolean bool(String key, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidSettingException(key, "must be true or false, not '" + value + "'.");
    };
  }

  private static long maxSize(String value) {
    long size;
    try {
      size = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(
          MAX_SIZE, "must be a whole number of bytes, not '" + value + "'.");
    }
    if (size < 1 || size > SINGLE_PUT_LIMIT) {
      throw new InvalidSettingException(
          MAX_SIZE,
          "must be between 1 and "
              + SINGLE_PUT_LIMIT
              + " bytes (5 GiB, the most a single PUT can carry), not "
              + value.trim()
              + ".");
    }
    return size;
  }

  private static List<String> origins(String value) {
    List<String> origins = new ArrayList<>();
    for (String item : value.split(",")) {
      String candidate = item.trim();
      if (candidate.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = new URI(candidate);
      } catch (URISyntaxException e) {
        throw notAnOrigin(item);
      }
      boolean httpScheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!httpScheme
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw notAnOrigin(item);
      }
      String origin = candidate.toLowerCase(Locale.ROOT);
      if (!origins.contains(origin)) {
        origins.add(origin);
      }
    }
    return List.copyOf(origins);
  }

  private static InvalidSettingException notAnOrigin(String item) {
    return new InvalidSettingException(
        ALLOWED_ORIGINS,
        "must list origins such as https://uploads.example.com (scheme, host and optional port,"
            + " no path and never '*'), not '"
            + item.trim()
            + "'.");
  }
}
