package org.s3directupload.bucket;

import java.util.Optional;
import org.s3directupload.storage.StoreTimeouts;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The first check: a {@code HEAD} of the bucket with the configured endpoint, region and
 * addressing. When it fails, no other check is worth running; when it works, its answer's {@code
 * Date} feeds the clock check.
 */
final class BucketReachable {

  static final String CHECK = "bucket-reachable";

  private static final String WHY =
      "Tickets point at this bucket, endpoint and region; if the application cannot reach it,"
          + " neither can the browsers.";

  /**
   * What the HEAD showed.
   *
   * @param head the answer, when the bucket is there and in the configured region
   */
  record Outcome(Finding finding, Optional<HeadBucketResponse> head) {}

  private BucketReachable() {}

  static Outcome check(Examination exam) {
    String where = "bucket '" + exam.bucket() + "' at " + exam.store().describeEndpoint();
    try {
      HeadBucketResponse response = exam.s3().headBucket(b -> b.bucket(exam.bucket()));
      Optional<String> region =
          response.sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
      if (region.isPresent() && !region.get().equals(exam.store().region())) {
        return new Outcome(wrongRegion(where, region.get()), Optional.empty());
      }
      return new Outcome(
          Finding.ok(
              CHECK,
              "HEAD of " + where + " answered " + response.sdkHttpResponse().statusCode() + ".",
              WHY),
          Optional.of(response));
    } catch (S3Exception e) {
      return new Outcome(refused(exam, where, e), Optional.empty());
    } catch (SdkClientException e) {
      return new Outcome(
          Finding.fail(
              CHECK,
              "The store at "
                  + exam.store().describeEndpoint()
                  + " "
                  + S3Errors.noAnswer(e, exam.store().timeouts())
                  + ".",
              WHY,
              StoreTimeouts.ranOutOfTime(e)
                  ? S3Errors.SLOW_STORE_FIX
                  : "Check upload.endpoint, the network path from this server, and that the store"
                      + " is running."),
          Optional.empty());
    }
  }

  private static Finding wrongRegion(String where, String region) {
    return Finding.fail(
        CHECK,
        "HEAD of " + where + " says the bucket is in " + region + ".",
        WHY + " A signature for another region is refused.",
        "Set upload.region=" + region + " (the bucket's region).");
  }

  private static Finding refused(Examination exam, String where, S3Exception e) {
    int status = e.statusCode();
    Optional<String> region =
        e.awsErrorDetails() == null
            ? Optional.empty()
            : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
    if (region.isPresent() && !region.get().equals(exam.store().region())) {
      return wrongRegion(where, region.get());
    }
    String fix;
    if (status == 301 || status == 307) {
      fix =
          "Check upload.region, upload.endpoint and upload.path-style: the store redirects instead"
              + " of answering.";
    } else if (status == 404) {
      fix =
          "Create the bucket '"
              + exam.bucket()
              + "', or correct upload.bucket (and upload.endpoint for S3-compatible stores).";
    } else if (status == 403) {
      fix =
          "Give the application's credentials access to the bucket (s3:ListBucket for HEAD,"
              + " s3:PutObject under the prefix), or check which credentials the SDK's default"
              + " chain finds.";
    } else {
      fix = "Check upload.endpoint, upload.region and the store's own logs.";
    }
    return Finding.fail(
        CHECK, "HEAD of " + where + " answered " + S3Errors.describe(e) + ".", WHY, fix);
  }
}
