package org.s3directupload.signing;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;
import org.s3directupload.storage.StoreSettings;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * How tickets are made for the store: where keys start, how URLs are signed and for how long, and
 * which files may be uploaded at all.
 *
 * @param store the store the tickets point at, with the encryption they must request
 * @param keyPrefix every key starts with it; safe segments ending in {@code /}
 * @param signatureVersion how URLs are signed
 * @param urlLifetime how long a ticket's URL stays valid
 * @param allowedContentTypes the media types a person may upload
 * @param maxSize the largest upload in bytes
 * @param requireChecksum whether every request must declare the file's SHA-256
 * @param objectTags the tag set every object gets ({@code x-amz-tagging}, URL-encoded); empty for
 *     none
 * @param storageClass the storage class every object gets; empty for the bucket's default
 * @param method how the browser sends the file: a presigned PUT or a policy-signed POST form
 */
public record SigningSettings(
    StoreSettings store,
    String keyPrefix,
    SignatureVersion signatureVersion,
    Duration urlLifetime,
    ContentTypePolicy allowedContentTypes,
    long maxSize,
    boolean requireChecksum,
    Optional<String> objectTags,
    Optional<String> storageClass,
    UploadMethod method) {

  /**
   * The signing keys, in the order the configuration reference lists them. {@code
   * upload.key-prefix}, {@code upload.signature-version}, {@code upload.url-lifetime}, {@code
   * upload.allowed-content-types}, {@code upload.max-size}.
   */
  public enum Key implements Setting {
    KEY_PREFIX,
    SIGNATURE_VERSION,
    URL_LIFETIME,
    ALLOWED_CONTENT_TYPES,
    MAX_SIZE,
    REQUIRE_CHECKSUM,
    OBJECT_TAGS,
    STORAGE_CLASS,
    METHOD;

    @Override
    public String prefix() {
      return "upload.";
    }
  }

  /** S3 refuses a single PUT above 5 GiB. */
  public static final long SINGLE_PUT_LIMIT = 5L * 1024 * 1024 * 1024;

  /** SigV4 presigned URLs cannot outlive seven days. */
  public static final Duration LONGEST_URL_LIFETIME = Duration.ofDays(7);

  private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

  /**
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static SigningSettings read(SettingReader reader, StoreSettings store) {
    SignatureVersion signatureVersion =
        reader.oneOf(Key.SIGNATURE_VERSION, SignatureVersion.class, SignatureVersion::code, true);
    if (signatureVersion == SignatureVersion.V2 && store.sse().usesKms()) {
      throw new InvalidSettingException(
          Key.SIGNATURE_VERSION,
          "is v2, but "
              + StoreSettings.Key.SSE.key()
              + " is "
              + store.sse().headerValue()
              + ": KMS encryption requires v4.");
    }
    return new SigningSettings(
        store,
        keyPrefix(reader.required(Key.KEY_PREFIX)),
        signatureVersion,
        reader.duration(Key.URL_LIFETIME, Duration.ofSeconds(1), LONGEST_URL_LIFETIME, "PT10M"),
        ContentTypePolicy.parse(Key.ALLOWED_CONTENT_TYPES, reader.list(Key.ALLOWED_CONTENT_TYPES)),
        reader.wholeNumber(Key.MAX_SIZE, 1, PartPlan.MAX_OBJECT_SIZE, "bytes"),
        reader.bool(Key.REQUIRE_CHECKSUM),
        reader.optional(Key.OBJECT_TAGS).map(SigningSettings::tags),
        reader.optional(Key.STORAGE_CLASS).map(SigningSettings::storageClass),
        reader.oneOf(Key.METHOD, UploadMethod.class, UploadMethod::code, true));
  }

  private static final Pattern TAG =
      Pattern.compile("[A-Za-z0-9%+._~-]{1,384}=[A-Za-z0-9%+._~-]{0,768}");

  /** A tag set as S3 takes it in {@code x-amz-tagging}: {@code key=value&key=value}, at most 10. */
  private static String tags(String value) {
    String[] pairs = value.split("&", -1);
    for (String pair : pairs) {
      if (!TAG.matcher(pair).matches()) {
        throw new InvalidSettingException(
            Key.OBJECT_TAGS,
            "must be tags such as classification=internal&team=finance: URL-encoded key=value"
                + " pairs joined by '&'.");
      }
    }
    if (pairs.length > 10) {
      throw new InvalidSettingException(Key.OBJECT_TAGS, "may hold at most 10 tags, S3's limit.");
    }
    return value;
  }

  private static String storageClass(String value) {
    if (StorageClass.fromValue(value) == StorageClass.UNKNOWN_TO_SDK_VERSION) {
      throw new InvalidSettingException(
          Key.STORAGE_CLASS,
          "must be an S3 storage class such as STANDARD_IA or INTELLIGENT_TIERING, not '"
              + value
              + "'.");
    }
    return value;
  }

  private static String keyPrefix(String prefix) {
    if (prefix.length() > 256 || !prefix.endsWith("/")) {
      throw new InvalidSettingException(
          Key.KEY_PREFIX, "must end with '/' and be at most 256 characters, not '" + prefix + "'.");
    }
    for (String segment : prefix.substring(0, prefix.length() - 1).split("/", -1)) {
      if (!PREFIX_SEGMENT.matcher(segment).matches()
          || segment.equals(".")
          || segment.equals("..")) {
        throw new InvalidSettingException(
            Key.KEY_PREFIX,
            "must be segments of letters, digits, '.', '_' or '-' separated by '/', with no empty,"
                + " '.' or '..' segment, not '"
                + prefix
                + "'.");
      }
    }
    return prefix;
  }
}
