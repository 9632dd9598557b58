package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;
import org.s3directupload.signing.MultipartSettings;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;

/** The lifecycle check's verdict on a bucket's rules, for uploads under {@code uploads/team-a/}. */
class AbortIncompleteUploadsTest {

  private static final String PREFIX = "uploads/team-a/";

  private static final String[] SETTINGS = {
    "upload.key-prefix", PREFIX, "upload.incomplete-upload-days", "3"
  };

  private static MultipartSettings multipart() {
    return MultipartSettings.read(TestSettings.reader(SETTINGS), TestSettings.signing(SETTINGS));
  }

  private static BucketDocuments documents() {
    return BucketDocuments.forSettings(
        TestSettings.signing(SETTINGS), multipart(), TestSettings.origins());
  }

  private static Finding judge(LifecycleRule... rules) {
    return AbortIncompleteUploads.judge(List.of(rules), PREFIX, multipart(), documents());
  }

  private static LifecycleRule aborting(
      String id, int days, Consumer<LifecycleRuleFilter.Builder> filter) {
    return LifecycleRule.builder()
        .id(id)
        .status(ExpirationStatus.ENABLED)
        .filter(filter)
        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(days))
        .build();
  }

  private static void assertStatus(Finding.Status status, Finding finding) {
    assertEquals(status, finding.status(), finding.toString());
    assertEquals(AbortIncompleteUploads.CHECK, finding.check());
  }

  @Test
  void theApplicationsOwnRulePasses() {
    Finding finding = judge(BucketSetup.toSdkLifecycleRule(documents().lifecycleRule()));

    assertStatus(Finding.Status.OK, finding);
    assertEquals(
        "The lifecycle rule 's3-direct-upload-abort-incomplete-multipart' aborts multipart uploads"
            + " under 'uploads/team-a/' still unfinished after 3 days.",
        finding.observed());
    assertEquals("", finding.fix());
  }

  @Test
  void anotherTeamsRuleForTheWholeBucketOrAParentPrefixWithinTheDaysPasses() {
    Finding wholeBucket = judge(aborting("everything", 1, f -> {}));
    Finding parent = judge(aborting("all-uploads", 3, f -> f.prefix("uploads/")));
    Finding emptyPrefix = judge(aborting("empty-prefix", 2, f -> f.prefix("")));

    assertStatus(Finding.Status.OK, wholeBucket);
    assertTrue(wholeBucket.observed().contains("anywhere in the bucket"), wholeBucket.observed());
    assertStatus(Finding.Status.OK, parent);
    assertTrue(parent.observed().contains("under 'uploads/'"), parent.observed());
    assertStatus(Finding.Status.OK, emptyPrefix);
  }

  @Test
  void aRuleFromBeforeFiltersWithItsPrefixOnTheRuleCounts() {
    @SuppressWarnings("deprecation")
    LifecycleRule legacy =
        LifecycleRule.builder()
            .id("legacy")
            .status(ExpirationStatus.ENABLED)
            .prefix("uploads/")
            .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(3))
            .build();

    assertStatus(Finding.Status.OK, judge(legacy));
  }

  @Test
  void noRulesAtAllFailsAndSaysHowToFix() {
    Finding finding = judge();

    assertStatus(Finding.Status.FAIL, finding);
    assertEquals(
        "The bucket has no lifecycle rules, so nothing aborts multipart uploads that are never"
            + " finished.",
        finding.observed());
    assertTrue(finding.why().contains("billed"), finding.why());
    assertTrue(finding.why().contains("appear in no listing"), finding.why());
    assertTrue(finding.fix().startsWith("Apply the bucket documents"), finding.fix());
    assertTrue(
        finding
            .fix()
            .endsWith(
                "{\"ID\":\"s3-direct-upload-abort-incomplete-multipart\",\"Filter\":{\"Prefix\":"
                    + "\"uploads/team-a/\"},\"Status\":\"Enabled\",\"AbortIncompleteMultipartUpload\""
                    + ":{\"DaysAfterInitiation\":3}}"),
        finding.fix());
  }

  @Test
  void rulesThatDoNotCoverTheUploadsFailAndEachSaysWhy() {
    LifecycleRule disabled =
        aborting("paused", 1, f -> f.prefix("uploads/")).toBuilder()
            .status(ExpirationStatus.DISABLED)
            .build();
    LifecycleRule narrower = aborting("team-a-drafts", 1, f -> f.prefix(PREFIX + "drafts/"));
    LifecycleRule elsewhere = aborting("logs", 1, f -> f.prefix("logs/"));
    LifecycleRule tooLate = aborting("slow", 7, f -> f.prefix("uploads/"));
    LifecycleRule tagged = aborting("tagged", 1, f -> f.tag(t -> t.key("keep").value("no")));
    LifecycleRule expiring =
        LifecycleRule.builder()
            .id("expire-logs")
            .status(ExpirationStatus.ENABLED)
            .filter(f -> f.prefix(""))
            .expiration(e -> e.days(30))
            .build();

    Finding finding = judge(disabled, narrower, elsewhere, tooLate, tagged, expiring);

    assertStatus(Finding.Status.FAIL, finding);
    assertEquals(
        "None of the bucket's 6 lifecycle rules aborts multipart uploads under 'uploads/team-a/'"
            + " left unfinished for 3 days (upload.incomplete-upload-days): 'paused' is disabled;"
            + " 'team-a-drafts' covers only 'uploads/team-a/drafts/'; 'logs' covers only 'logs/';"
            + " 'slow' aborts only after 7 days; 'tagged' also filters on tags or object size.",
        finding.observed());
  }

  @Test
  void oneCoveringRuleAmongOthersIsEnough() {
    Finding finding =
        judge(
            aborting("slow", 7, f -> f.prefix("uploads/")),
            aborting("quick", 1, f -> f.prefix("uploads/")));

    assertStatus(Finding.Status.OK, finding);
    assertTrue(finding.observed().contains("'quick'"), finding.observed());
    assertTrue(finding.observed().endsWith("after 1 day."), finding.observed());
  }
}
