package org.s3directupload.signing;

import java.time.Duration;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;

/**
 * When and how a file goes to the store in parts (S3 multipart upload), and how long an unfinished
 * one may live. Only with {@code upload.method=put}: with {@code post} every file is one form, at
 * most 5 GiB.
 *
 * @param threshold files larger than this many bytes go in parts
 * @param partSize the size of every part but the last, raised for a file that would otherwise need
 *     more than {@link PartPlan#MAX_PARTS} parts
 * @param parallelParts how many parts of one file the page sends at once
 * @param lifetime how long an unfinished multipart upload lives before the sweeper aborts it
 * @param incompleteUploadDays the bucket's lifecycle rule aborts what is still unfinished after
 *     this many days, whatever happened to the application
 */
public record MultipartSettings(
    long threshold, long partSize, int parallelParts, Duration lifetime, int incompleteUploadDays) {

  /** The multipart keys, in the order the configuration reference lists them. */
  public enum Key implements Setting {
    MULTIPART_THRESHOLD,
    PART_SIZE,
    PARALLEL_PARTS,
    MULTIPART_LIFETIME,
    INCOMPLETE_UPLOAD_DAYS;

    @Override
    public String prefix() {
      return "upload.";
    }
  }

  /**
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static MultipartSettings read(SettingReader reader, SigningSettings signing) {
    long threshold =
        reader.wholeNumber(
            Key.MULTIPART_THRESHOLD,
            PartPlan.MIN_PART_SIZE,
            SigningSettings.SINGLE_PUT_LIMIT,
            "bytes");
    long partSize =
        reader.wholeNumber(Key.PART_SIZE, PartPlan.MIN_PART_SIZE, PartPlan.MAX_PART_SIZE, "bytes");
    int parallel = (int) reader.wholeNumber(Key.PARALLEL_PARTS, 1, 16, "parts");
    Duration lifetime =
        reader.duration(Key.MULTIPART_LIFETIME, Duration.ofSeconds(10), Duration.ofDays(30), "P1D");
    int days = (int) reader.wholeNumber(Key.INCOMPLETE_UPLOAD_DAYS, 1, 3650, "days");
    if (days * 86_400L < lifetime.toSeconds()) {
      throw new InvalidSettingException(
          Key.INCOMPLETE_UPLOAD_DAYS,
          "is "
              + days
              + " days, shorter than "
              + Key.MULTIPART_LIFETIME.key()
              + " ("
              + lifetime
              + "), so the bucket would abort uploads the application still lets people finish.");
    }
    if (signing.method() == UploadMethod.POST
        && signing.maxSize() > SigningSettings.SINGLE_PUT_LIMIT) {
      throw new InvalidSettingException(
          SigningSettings.Key.MAX_SIZE,
          "is above 5 GiB, but "
              + SigningSettings.Key.METHOD.key()
              + " is post: a form carries at most 5 GiB, and uploads in parts need put.");
    }
    return new MultipartSettings(threshold, partSize, parallel, lifetime, days);
  }

  /** Whether a file of {@code size} bytes goes in parts. */
  public boolean inParts(long size) {
    return size > threshold;
  }
}
