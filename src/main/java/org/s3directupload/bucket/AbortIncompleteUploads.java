package org.s3directupload.bucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.s3directupload.signing.MultipartSettings;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Whether a lifecycle rule of the bucket aborts multipart uploads that are never finished: some
 * enabled rule whose filter is a prefix covering the key prefix (or none at all) and that aborts
 * within {@code upload.incomplete-upload-days}. Any rule will do, not only the application's own.
 */
final class AbortIncompleteUploads implements DoctorCheck {

  static final String CHECK = "lifecycle-abort-incomplete";

  static final String WHY =
      "A multipart upload that is started and never finished (a closed tab, a lost connection, an"
          + " application that stopped) keeps its parts in the bucket: they are billed as storage,"
          + " yet they appear in no listing of objects, so nobody sees them pile up. A lifecycle"
          + " rule that aborts incomplete multipart uploads deletes them.";

  @Override
  public String name() {
    return CHECK;
  }

  @Override
  public List<Finding> examine(Examination exam) {
    List<LifecycleRule> rules;
    try {
      rules = exam.s3().getBucketLifecycleConfiguration(b -> b.bucket(exam.bucket())).rules();
    } catch (S3Exception e) {
      if ("NoSuchLifecycleConfiguration".equals(S3Errors.code(e))) {
        rules = List.of();
      } else {
        return List.of(unreadable(exam, e));
      }
    }
    return List.of(judge(rules, exam.settings().keyPrefix(), exam.multipart(), exam.documents()));
  }

  /** The verdict on the bucket's {@code rules}, for uploads under {@code keyPrefix}. */
  static Finding judge(
      List<LifecycleRule> rules,
      String keyPrefix,
      MultipartSettings multipart,
      BucketDocuments documents) {
    int days = multipart.incompleteUploadDays();
    List<String> nearMisses = new ArrayList<>();
    for (LifecycleRule rule : rules) {
      if (rule.abortIncompleteMultipartUpload() == null
          || rule.abortIncompleteMultipartUpload().daysAfterInitiation() == null) {
        continue;
      }
      int after = rule.abortIncompleteMultipartUpload().daysAfterInitiation();
      Optional<String> prefix = prefixOnly(rule);
      String name = "'" + rule.id() + "'";
      if (rule.status() != ExpirationStatus.ENABLED) {
        nearMisses.add(name + " is disabled");
      } else if (prefix.isEmpty()) {
        nearMisses.add(name + " also filters on tags or object size");
      } else if (!keyPrefix.startsWith(prefix.get())) {
        nearMisses.add(name + " covers only '" + prefix.get() + "'");
      } else if (after > days) {
        nearMisses.add(name + " aborts only after " + inDays(after));
      } else {
        return Finding.ok(
            CHECK,
            "The lifecycle rule "
                + name
                + " aborts multipart uploads "
                + (prefix.get().isEmpty()
                    ? "anywhere in the bucket"
                    : "under '" + prefix.get() + "'")
                + " still unfinished after "
                + inDays(after)
                + ".",
            WHY);
      }
    }
    String observed =
        rules.isEmpty()
            ? "The bucket has no lifecycle rules, so nothing aborts multipart uploads that are"
                + " never finished."
            : "None of the bucket's "
                + rules.size()
                + " lifecycle "
                + (rules.size() == 1 ? "rule" : "rules")
                + " aborts multipart uploads under '"
                + keyPrefix
                + "' left unfinished for "
                + inDays(days)
                + " ("
                + MultipartSettings.Key.INCOMPLETE_UPLOAD_DAYS.key()
                + ")"
                + (nearMisses.isEmpty() ? "." : ": " + String.join("; ", nearMisses) + ".");
    return Finding.fail(
        CHECK,
        observed,
        WHY,
        "Apply the bucket documents (POST /api/bucket/setup or ./bucket.sh apply): the setup adds"
            + " the rule and keeps the bucket's other lifecycle rules. Or add this rule to the"
            + " bucket's lifecycle configuration yourself, together with the rules it has (writing"
            + " a lifecycle configuration replaces all of its rules): "
            + documents.lifecycleRule());
  }

  /**
   * The prefix a rule is limited to ({@code ""} for the whole bucket), or empty when it is also
   * limited by tags or object sizes, and so does not reliably cover every upload.
   */
  @SuppressWarnings("deprecation") // a rule-level Prefix, from before Filter: old rules have it
  private static Optional<String> prefixOnly(LifecycleRule rule) {
    LifecycleRuleFilter filter = rule.filter();
    if (filter == null) {
      return Optional.of(rule.prefix() == null ? "" : rule.prefix());
    }
    if (filter.tag() != null
        || filter.objectSizeGreaterThan() != null
        || filter.objectSizeLessThan() != null) {
      return Optional.empty();
    }
    LifecycleRuleAndOperator and = filter.and();
    if (and == null) {
      return Optional.of(filter.prefix() == null ? "" : filter.prefix());
    }
    if ((and.hasTags() && !and.tags().isEmpty())
        || and.objectSizeGreaterThan() != null
        || and.objectSizeLessThan() != null) {
      return Optional.empty();
    }
    return Optional.of(and.prefix() == null ? "" : and.prefix());
  }

  /** "1 day", "3 days". */
  static String inDays(int days) {
    return days == 1 ? "1 day" : days + " days";
  }

  private static Finding unreadable(Examination exam, S3Exception e) {
    if (e.statusCode() == 501) {
      return Finding.warn(
          CHECK,
          "The store does not implement bucket lifecycle rules (501).",
          WHY,
          "If the store has its own clean-up of incomplete multipart uploads, set it to abort those"
              + " under '"
              + exam.settings().keyPrefix()
              + "' after "
              + inDays(exam.multipart().incompleteUploadDays())
              + "; otherwise only the application's sweeper aborts them, and only those it"
              + " started.");
    }
    return Finding.warn(
        CHECK,
        "The bucket's lifecycle rules could not be read (" + S3Errors.describe(e) + ").",
        WHY,
        "Let the application's credentials read them (s3:GetLifecycleConfiguration), or check"
            + " with your own tools that a rule aborts incomplete multipart uploads under '"
            + exam.settings().keyPrefix()
            + "' within "
            + inDays(exam.multipart().incompleteUploadDays())
            + ": "
            + exam.documents().lifecycleRule());
  }
}
