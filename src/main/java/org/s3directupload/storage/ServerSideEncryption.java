package org.s3directupload.storage;

/** The server-side encryption every upload must request, as S3 spells it in the SSE header. */
public enum ServerSideEncryption {
  AES256("AES256"),
  AWS_KMS("aws:kms"),
  AWS_KMS_DSSE("aws:kms:dsse");

  private final String headerValue;

  ServerSideEncryption(String headerValue) {
    this.headerValue = headerValue;
  }

  /** The value of {@code x-amz-server-side-encryption}. */
  public String headerValue() {
    return headerValue;
  }

  /** Whether the mode uses a KMS key, and so may name one in its own header. */
  public boolean usesKms() {
    return this != AES256;
  }
}
