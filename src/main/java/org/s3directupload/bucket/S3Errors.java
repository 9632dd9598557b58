package org.s3directupload.bucket;

import java.util.Objects;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.storage.StoreTimeouts;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 error code of a refusal, as the SDK reports it or as an XML error body carries it, and
 * what a request that got no answer at all means.
 */
final class S3Errors {

  /** What to do about a store that did not answer in time. */
  static final String SLOW_STORE_FIX =
      "Check that the store is running and not overloaded, and the network path from this server."
          + " Raise "
          + StoreSettings.Key.STORE_TIMEOUT.key()
          + " only for a store known to answer slowly.";

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

  /**
   * Why a request to the store got no answer, to follow "the store": "did not answer within 10
   * seconds (upload.store-timeout)" when it ran out of time, otherwise "could not be reached: " and
   * the client's own words (which describe the connection, never a credential).
   */
  static String noAnswer(Exception e, StoreTimeouts timeouts) {
    if (StoreTimeouts.ranOutOfTime(e)) {
      return "did not answer within "
          + timeouts.inWords()
          + " ("
          + StoreSettings.Key.STORE_TIMEOUT.key()
          + ")";
    }
    return "could not be reached: " + e.getMessage();
  }
}
