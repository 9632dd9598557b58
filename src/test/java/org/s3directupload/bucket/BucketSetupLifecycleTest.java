package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3directupload.bucket.SetupStep.Outcome;
import org.s3directupload.config.TestSettings;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketCorsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PutBucketLifecycleConfigurationRequest;
import software.amazon.awssdk.services.s3.model.PutBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.TransitionDefaultMinimumObjectSize;

/**
 * The setup's lifecycle step against a store that keeps a lifecycle configuration in memory and
 * implements nothing else (the other four steps say not-supported).
 */
class BucketSetupLifecycleTest {

  private static final String[] SETTINGS = {
    "upload.key-prefix", "uploads/", "upload.incomplete-upload-days", "4"
  };

  private final LifecycleStore store = new LifecycleStore();

  private static LifecycleRule wanted() {
    return BucketSetup.toSdkLifecycleRule(
        BucketDocuments.forSettings(
                TestSettings.signing(SETTINGS), multipart(), TestSettings.origins(SETTINGS))
            .lifecycleRule());
  }

  private static MultipartSettings multipart() {
    return MultipartSettings.read(TestSettings.reader(SETTINGS), TestSettings.signing(SETTINGS));
  }

  /** Applies every document and answers the lifecycle step. */
  private SetupStep apply() {
    SigningSettings settings = TestSettings.signing(SETTINGS);
    List<SetupStep> steps =
        new BucketSetup(store, settings, multipart(), TestSettings.origins(SETTINGS)).apply();
    assertEquals(5, steps.size(), steps.toString());
    SetupStep lifecycle = steps.get(4);
    assertEquals("lifecycle", lifecycle.document());
    return lifecycle;
  }

  private static LifecycleRule foreign(String id, String prefix) {
    return LifecycleRule.builder()
        .id(id)
        .status(ExpirationStatus.ENABLED)
        .filter(f -> f.prefix(prefix))
        .expiration(e -> e.days(30))
        .build();
  }

  @Test
  void aBucketWithoutLifecycleConfigurationGetsTheRule() {
    store.rules = null;

    SetupStep step = apply();

    assertEquals(Outcome.CHANGED, step.outcome(), step.message());
    assertEquals(
        "Added the rule 's3-direct-upload-abort-incomplete-multipart': multipart uploads under"
            + " 'uploads/' still unfinished 4 days after they started are aborted and their parts"
            + " deleted.",
        step.message());
    assertEquals(List.of(wanted()), store.rules);
  }

  @Test
  void otherRulesAreKeptInTheirOrderAndTheOutdatedOwnRuleIsReplacedInPlace() {
    LifecycleRule logs = foreign("expire-logs", "logs/");
    LifecycleRule outdated =
        LifecycleRule.builder()
            .id(BucketDocuments.LIFECYCLE_RULE_ID)
            .status(ExpirationStatus.ENABLED)
            .filter(f -> f.prefix("old-prefix/"))
            .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(9))
            .build();
    LifecycleRule reports = foreign("expire-reports", "reports/");
    store.rules = new ArrayList<>(List.of(logs, outdated, reports));
    store.minimumSize = TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS;

    SetupStep step = apply();

    assertEquals(Outcome.CHANGED, step.outcome(), step.message());
    assertTrue(
        step.message()
            .startsWith("Replaced the rule 's3-direct-upload-abort-incomplete-multipart'"),
        step.message());
    assertTrue(step.message().endsWith("; kept the bucket's 2 other rules."), step.message());
    assertEquals(List.of(logs, wanted(), reports), store.rules);
    assertEquals(
        TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS,
        store.minimumSize,
        "a setting of the whole configuration is written back as it was");
  }

  @Test
  void anotherTeamsRulesGetOursAddedAtTheEnd() {
    LifecycleRule logs = foreign("expire-logs", "logs/");
    store.rules = new ArrayList<>(List.of(logs));

    SetupStep step = apply();

    assertEquals(List.of(logs, wanted()), store.rules);
    assertTrue(step.message().startsWith("Added the rule"), step.message());
    assertTrue(step.message().endsWith("; kept the bucket's 1 other rule."), step.message());
  }

  @Test
  void aSecondSetupChangesNothingAndSaysSo() {
    store.rules = new ArrayList<>(List.of(foreign("expire-logs", "logs/")));
    apply();
    List<LifecycleRule> afterFirst = store.rules;
    int writes = store.writes;

    SetupStep again = apply();

    assertEquals(Outcome.UNCHANGED, again.outcome(), again.message());
    assertEquals(
        "The rule 's3-direct-upload-abort-incomplete-multipart' is already there: multipart"
            + " uploads under 'uploads/' still unfinished 4 days after they started are aborted and"
            + " their parts deleted.",
        again.message());
    assertEquals(writes, store.writes, "nothing written the second time");
    assertEquals(afterFirst, store.rules);
  }

  @Test
  void aStoreWithoutLifecycleRulesSaysWhatThatMeansAndTheOtherStepsStillRun() {
    store.implementsLifecycle = false;

    SigningSettings settings = TestSettings.signing(SETTINGS);
    List<SetupStep> steps =
        new BucketSetup(store, settings, multipart(), TestSettings.origins(SETTINGS)).apply();

    assertEquals(
        List.of("cors", "policy", "encryption", "publicAccessBlock", "lifecycle"),
        steps.stream().map(SetupStep::document).toList());
    SetupStep lifecycle = steps.get(4);
    assertEquals(Outcome.NOT_SUPPORTED, lifecycle.outcome());
    assertEquals(
        "The store does not implement bucket lifecycle rules (501), so the rule that aborts"
            + " unfinished multipart uploads could not be applied. Parts of an upload that is never"
            + " finished stay in the store, taking space, and appear in no listing of objects. If"
            + " the store has its own clean-up of incomplete multipart uploads, set it to abort"
            + " those under 'uploads/' after 4 days; otherwise only the application's sweeper"
            + " aborts them, and only those it started.",
        lifecycle.message());
  }

  @Test
  void refusedCredentialsFailTheStepWithWhatToDo() {
    store.refuse = true;

    SetupStep step = apply();

    assertEquals(Outcome.FAILED, step.outcome());
    assertTrue(
        step.message()
            .startsWith(
                "The store refused (403 AccessDenied): the application's credentials may not read"
                    + " or change the bucket's lifecycle."),
        step.message());
  }

  private static S3Exception error(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }

  /** A bucket's lifecycle configuration in memory; every other bucket setting is 501. */
  private static final class LifecycleStore implements S3Client {

    /** Null: the bucket has no lifecycle configuration. */
    List<LifecycleRule> rules;

    TransitionDefaultMinimumObjectSize minimumSize;
    int writes;
    boolean implementsLifecycle = true;
    boolean refuse;

    @Override
    public GetBucketLifecycleConfigurationResponse getBucketLifecycleConfiguration(
        GetBucketLifecycleConfigurationRequest request) {
      check();
      if (rules == null) {
        throw error(404, "NoSuchLifecycleConfiguration");
      }
      return GetBucketLifecycleConfigurationResponse.builder()
          .rules(rules)
          .transitionDefaultMinimumObjectSize(minimumSize)
          .build();
    }

    @Override
    public PutBucketLifecycleConfigurationResponse putBucketLifecycleConfiguration(
        PutBucketLifecycleConfigurationRequest request) {
      check();
      rules = List.copyOf(request.lifecycleConfiguration().rules());
      minimumSize = request.transitionDefaultMinimumObjectSize();
      writes++;
      return PutBucketLifecycleConfigurationResponse.builder().build();
    }

    private void check() {
      if (!implementsLifecycle) {
        throw error(501, "NotImplemented");
      }
      if (refuse) {
        throw error(403, "AccessDenied");
      }
    }

    @Override
    public GetBucketCorsResponse getBucketCors(GetBucketCorsRequest request) {
      throw error(501, "NotImplemented");
    }

    @Override
    public GetBucketPolicyResponse getBucketPolicy(GetBucketPolicyRequest request) {
      throw error(501, "NotImplemented");
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
      throw error(501, "NotImplemented");
    }

    @Override
    public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
      throw error(501, "NotImplemented");
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }
}
