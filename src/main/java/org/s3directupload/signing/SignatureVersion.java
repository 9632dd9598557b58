package org.s3directupload.signing;

import java.util.Locale;

/** How upload URLs are signed. */
public enum SignatureVersion {
  /**
   * AWS Signature Version 4: the default, and the only one AWS accepts on newer buckets and KMS.
   */
  V4,
  /** Legacy HMAC-SHA1 query signing, only for S3-compatible stores that lack SigV4. */
  V2;

  /** As the configuration writes it: {@code v4}, {@code v2}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
