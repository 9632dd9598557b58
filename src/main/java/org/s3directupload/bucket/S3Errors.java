package org.s3directupload.bucket;

import java.util.Objects;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 error code of a refusal, as the SDK reports it or as an XML error body carries it. */
final class S3Errors {

  private S3Errors() {}

  /** {@code AccessDenied}, {@code NoSuchBucket}, ...; empty when the store sent none. */
  static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? "" : Objects.toString(e.awsErrorDetails().errorCode(), "");
  }

  /** The {@code <Code>} of an S3 XML error body; empty when there is none. */
  static String code(String body) {
    int start = body.indexOf("<Code>");
    int end = body.indexOf("</Code>");
    return start >= 0 && end > start ? body.substring(start + 6, end) : "";
  }

  /** {@code 403 AccessDenied}: the status and, when there is one, the code. */
  static String describe(S3Exception e) {
    return (e.statusCode() + " " + code(e)).strip();
  }
}
