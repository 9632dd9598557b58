package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.s3directupload.bucket.BucketDocuments;
import org.s3directupload.bucket.BucketSetup;
import org.s3directupload.bucket.Finding;
import org.s3directupload.bucket.SetupStep;
import org.s3directupload.bucket.SetupStep.Outcome;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;

/**
 * Applying the bucket documents to moto, which implements every bucket API involved (lifecycle
 * rules included), and reading each one back.
 */
class BucketSetupMotoIT {

  private static Moto moto;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    moto = Moto.start(Integer.getInteger("it.moto.port"));
    s3 = moto.client();
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static List<Outcome> outcomes(List<SetupStep> steps) {
    return steps.stream().map(SetupStep::outcome).toList();
  }

  private static JsonObject policyOf(String bucket) {
    try (var reader =
        Json.createReader(new StringReader(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()))) {
      return reader.readObject();
    }
  }

  @Test
  void appliedBucketHoldsExactlyTheGeneratedDocuments() {
    s3.createBucket(b -> b.bucket("fresh"));
    OnMoto target = OnMoto.bucket(moto, "fresh");
    BucketDocuments documents = target.documents();

    List<SetupStep> steps = target.apply();

    assertEquals(
        List.of(
            Outcome.CHANGED, Outcome.CHANGED, Outcome.CHANGED, Outcome.CHANGED, Outcome.CHANGED),
        outcomes(steps),
        steps.toString());
    List<CORSRule> rules = s3.getBucketCors(b -> b.bucket("fresh")).corsRules();
    assertEquals(List.of(BucketSetup.toSdkRule(documents.corsRule())), rules);
    assertEquals(
        documents.policy().getJsonArray("Statement"), policyOf("fresh").getJsonArray("Statement"));
    ServerSideEncryptionByDefault encryption =
        s3.getBucketEncryption(b -> b.bucket("fresh"))
            .serverSideEncryptionConfiguration()
            .rules()
            .get(0)
            .applyServerSideEncryptionByDefault();
    assertEquals("AES256", encryption.sseAlgorithmAsString());
    assertEquals(
        PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true)
            .ignorePublicAcls(true)
            .blockPublicPolicy(true)
            .restrictPublicBuckets(true)
            .build(),
        s3.getPublicAccessBlock(b -> b.bucket("fresh")).publicAccessBlockConfiguration());
    assertEquals(
        List.of(BucketSetup.toSdkLifecycleRule(documents.lifecycleRule())),
        s3.getBucketLifecycleConfiguration(b -> b.bucket("fresh")).rules());
  }

  @Test
  void applyingTwiceChangesNothingTheSecondTime() {
    s3.createBucket(b -> b.bucket("twice"));
    OnMoto target = OnMoto.bucket(moto, "twice");
    target.apply();

    List<SetupStep> again = target.apply();

    assertEquals(
        List.of(
            Outcome.UNCHANGED,
            Outcome.UNCHANGED,
            Outcome.UNCHANGED,
            Outcome.UNCHANGED,
            Outcome.UNCHANGED),
        outcomes(again),
        again.toString());
  }

  @Test
  void keepsOtherRulesAndStatementsAndReplacesItsOwn() {
    s3.createBucket(b -> b.bucket("shared"));
    CORSRule otherTeam =
        CORSRule.builder()
            .id("other-team")
            .allowedOrigins("https://reports.example.com")
            .allowedMethods("GET")
            .allowedHeaders("authorization")
            .build();
    CORSRule outdatedOwn =
        CORSRule.builder()
            .id(BucketDocuments.CORS_RULE_ID)
            .allowedOrigins("https://old.example.com")
            .allowedMethods("PUT")
            .allowedHeaders("content-type")
            .build();
    s3.putBucketCors(
        b -> b.bucket("shared").corsConfiguration(c -> c.corsRules(otherTeam, outdatedOwn)));
    String otherStatement =
        "{\"Sid\":\"OtherTeamRead\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::111122223333:role/reports\"},\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::shared/reports/*\"}";
    s3.putBucketPolicy(
        b ->
            b.bucket("shared")
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[" + otherStatement + "]}"));
    OnMoto target = OnMoto.bucket(moto, "shared");

    List<SetupStep> steps = target.apply();

    assertTrue(
        steps.get(0).message().startsWith("Replaced the rule 's3-direct-upload'"),
        steps.get(0).message());
    List<CORSRule> rules = s3.getBucketCors(b -> b.bucket("shared")).corsRules();
    assertEquals(List.of(BucketSetup.toSdkRule(target.documents().corsRule()), otherTeam), rules);
    List<JsonObject> statements =
        policyOf("shared").getJsonArray("Statement").getValuesAs(JsonObject.class);
    assertEquals("OtherTeamRead", statements.get(0).getString("Sid"));
    assertEquals(
        target.documents().policy().getJsonArray("Statement"),
        Json.createArrayBuilder(statements.subList(1, statements.size())).build());
  }

  @Test
  void lifecycleRuleIsMergedWithAnotherTeamsRuleAndTheDoctorFindsIt() {
    s3.createBucket(b -> b.bucket("with-lifecycle"));
    LifecycleRule otherTeam =
        LifecycleRule.builder()
            .id("expire-reports")
            .status(ExpirationStatus.ENABLED)
            .filter(f -> f.prefix("reports/"))
            .expiration(e -> e.days(30))
            .build();
    s3.putBucketLifecycleConfiguration(
        b -> b.bucket("with-lifecycle").lifecycleConfiguration(c -> c.rules(otherTeam)));
    OnMoto target = OnMoto.bucket(moto, "with-lifecycle", "upload.incomplete-upload-days", "2");
    List<Finding> before = target.examine(Clock.systemUTC());

    SetupStep step = target.apply().get(4);
    List<Finding> after = target.examine(Clock.systemUTC());
    SetupStep again = target.apply().get(4);

    assertEquals("lifecycle", step.document());
    assertEquals(Outcome.CHANGED, step.outcome(), step.message());
    assertEquals(
        "Added the rule 's3-direct-upload-abort-incomplete-multipart': multipart uploads under"
            + " 'uploads/' still unfinished 2 days after they started are aborted and their parts"
            + " deleted; kept the bucket's 1 other rule.",
        step.message());
    assertEquals(
        List.of(otherTeam, BucketSetup.toSdkLifecycleRule(target.documents().lifecycleRule())),
        s3.getBucketLifecycleConfiguration(b -> b.bucket("with-lifecycle")).rules());
    assertEquals(Outcome.UNCHANGED, again.outcome(), again.message());
    Finding missing = lifecycleFinding(before);
    assertEquals(Finding.Status.FAIL, missing.status(), missing.toString());
    assertEquals(
        "None of the bucket's 1 lifecycle rule aborts multipart uploads under 'uploads/' left"
            + " unfinished for 2 days (upload.incomplete-upload-days).",
        missing.observed());
    Finding found = lifecycleFinding(after);
    assertEquals(Finding.Status.OK, found.status(), found.toString());
    assertEquals(
        "The lifecycle rule 's3-direct-upload-abort-incomplete-multipart' aborts multipart uploads"
            + " under 'uploads/' still unfinished after 2 days.",
        found.observed());
  }

  private static Finding lifecycleFinding(List<Finding> findings) {
    return findings.stream()
        .filter(f -> f.check().equals("lifecycle-abort-incomplete"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no lifecycle finding in " + findings));
  }

  @Test
  void kmsModeSetsTheKeyAsDefault() {
    s3.createBucket(b -> b.bucket("with-kms"));
    String key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    OnMoto target =
        OnMoto.bucket(moto, "with-kms", "upload.sse", "aws:kms", "upload.sse-kms-key-id", key);

    target.apply();

    ServerSideEncryptionByDefault encryption =
        s3.getBucketEncryption(b -> b.bucket("with-kms"))
            .serverSideEncryptionConfiguration()
            .rules()
            .get(0)
            .applyServerSideEncryptionByDefault();
    assertEquals("aws:kms", encryption.sseAlgorithmAsString());
    assertEquals(key, encryption.kmsMasterKeyID());
  }

  @Test
  void missingBucketIsReportedPerDocumentNotThrown() {
    List<SetupStep> steps = OnMoto.bucket(moto, "no-such-bucket").apply();

    assertEquals(
        List.of(Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED),
        outcomes(steps),
        steps.toString());
    assertTrue(steps.get(0).message().contains("404"), steps.get(0).message());
  }
}
