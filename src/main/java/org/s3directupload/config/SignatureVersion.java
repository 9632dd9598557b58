package org.s3directupload.config;

/** How upload URLs are signed. */
public enum SignatureVersion {
  /**
   * AWS Signature Version 4: the default, and the only one AWS accepts on newer buckets and KMS.
   */
  V4,
  /** Legacy HMAC-SHA1 query signing, only for S3-compatible stores that lack SigV4. */
  V2;

  static SignatureVersion parse(String key, String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "v4" -> V4;
      case "v2" -> V2;
      default -> throw new InvalidSettingException(key, "must be v4 or v2, not '" + value + "'.");
    };
  }
}
