package org.s3directupload.bucket;

import org.s3directupload.signing.SignatureVersion;
import org.s3directupload.signing.SigningSettings;

/** Whether the signature version suits the store: v2 on AWS is a mistake waiting to happen. */
final class SignatureVersionCheck {

  static final String CHECK = "signature-version";

  private SignatureVersionCheck() {}

  static Finding check(SigningSettings settings) {
    if (settings.signatureVersion() == SignatureVersion.V2
        && settings.store().endpoint().isEmpty()) {
      return Finding.warn(
          CHECK,
          "upload.signature-version is v2 and the store is AWS S3.",
          "AWS refuses SigV2 on buckets created after June 2020 and for KMS, and a v2 ticket"
              + " cannot bind the upload's size.",
          "Set upload.signature-version=v4.");
    }
    return Finding.ok(
        CHECK,
        "Tickets are signed with " + settings.signatureVersion() + ".",
        "The signature decides which stores accept the tickets and what they bind.");
  }
}
