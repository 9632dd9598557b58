package org.s3directupload.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;

/**
 * Where uploads are stored and how they are encrypted there.
 *
 * @param bucket target bucket
 * @param region signing region
 * @param endpoint S3-compatible endpoint; empty means AWS
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key})
 * @param sse the encryption every upload must request
 * @param sseKmsKeyId KMS key for the {@code aws:kms*} modes; empty means the bucket's default key
 * @param timeouts how long the application waits for the store on each call
 */
public record StoreSettings(
    String bucket,
    String region,
    Optional<URI> endpoint,
    boolean pathStyle,
    ServerSideEncryption sse,
    Optional<String> sseKmsKeyId,
    StoreTimeouts timeouts) {

  /**
   * The storage keys, in the order the configuration reference lists them. {@code upload.bucket},
   * {@code upload.region}, {@code upload.endpoint}, {@code upload.path-style}, {@code upload.sse},
   * {@code upload.sse-kms-key-id}, {@code upload.store-timeout}.
   */
  public enum Key implements Setting {
    BUCKET,
    REGION,
    ENDPOINT,
    PATH_STYLE,
    SSE,
    SSE_KMS_KEY_ID,
    STORE_TIMEOUT;

    @Override
    public String prefix() {
      return "upload.";
    }
  }

  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
  private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]{1,64}");

  /** The shortest store time-out: a healthy store answers a HEAD in milliseconds. */
  static final Duration SHORTEST_TIMEOUT = Duration.ofSeconds(1);

  /** The longest: beyond it a person waiting for the check is better told to come back later. */
  static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern KMS_KEY_ID = Pattern.compile("[A-Za-z0-9:/_.+=@-]{1,2048}");

  /**
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static StoreSettings read(SettingReader reader) {
    ServerSideEncryption sse =
        reader.oneOf(Key.SSE, ServerSideEncryption.class, ServerSideEncryption::headerValue, false);
    Optional<String> kmsKeyId = reader.optional(Key.SSE_KMS_KEY_ID);
    if (kmsKeyId.isPresent()) {
      if (!sse.usesKms()) {
        throw new InvalidSettingException(
            Key.SSE_KMS_KEY_ID,
            "is set, but " + Key.SSE.key() + " is " + sse.headerValue() + ", not a KMS mode.");
      }
      if (!KMS_KEY_ID.matcher(kmsKeyId.get()).matches()) {
        throw new InvalidSettingException(
            Key.SSE_KMS_KEY_ID, "must be a KMS key id, alias or ARN without spaces.");
      }
    }
    return new StoreSettings(
        bucket(reader.required(Key.BUCKET)),
        region(reader.required(Key.REGION)),
        reader.serverAddress(
            Key.ENDPOINT,
            Set.of("http", "https"),
            "must be an http or https URL with a host and nothing else (no user name, password,"
                + " path or query), such as https://s3.example.com:9000."),
        reader.bool(Key.PATH_STYLE),
        sse,
        kmsKeyId,
        new StoreTimeouts(
            reader.duration(Key.STORE_TIMEOUT, SHORTEST_TIMEOUT, LONGEST_TIMEOUT, "PT10S")));
  }

  private static String bucket(String name) {
    if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
      throw new InvalidSettingException(
          Key.BUCKET,
          "must be a bucket name of 3 to 63 lower-case letters, digits, '.', '_' or '-', not '"
              + name
              + "'.");
    }
    return name;
  }

  private static String region(String region) {
    if (!REGION_NAME.matcher(region).matches()) {
      throw new InvalidSettingException(
          Key.REGION, "must be a region name such as eu-central-1, not '" + region + "'.");
    }
    return region;
  }

  /** Whether the store is reached without TLS (development stores, mostly). */
  public boolean plainHttp() {
    return endpoint.map(uri -> "http".equals(uri.getScheme())).orElse(false);
  }

  /** The endpoint for people: the URL, or AWS and the region. */
  public String describeEndpoint() {
    return endpoint.map(URI::toString).orElse("AWS S3 in " + region)
        + (pathStyle ? " (path-style)" : "");
  }
}
