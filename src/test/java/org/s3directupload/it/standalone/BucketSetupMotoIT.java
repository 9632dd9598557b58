package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.s3directupload.bucket.BucketDocuments;
import org.s3directupload.bucket.BucketSetup;
import org.s3directupload.bucket.SetupStep;
import org.s3directupload.bucket.SetupStep.Outcome;
import org.s3directupload.config.TestSettings;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.storage.StorageClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;

/**
 * Applying the bucket documents to moto, which implements every bucket API involved, and reading
 * each one back.
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

  private static UploadSettings settingsFor(String bucket, String... more) {
    String[] kv = new String[8 + more.length];
    String[] base = {
      "upload.bucket",
      bucket,
      "upload.endpoint",
      moto.endpoint().toString(),
      "upload.path-style",
      "true",
      "upload.allowed-origins",
      "https://uploads.example.com,https://intranet.example.com"
    };
    System.arraycopy(base, 0, kv, 0, base.length);
    System.arraycopy(more, 0, kv, base.length, more.length);
    return TestSettings.with(kv);
  }

  /** The setup as the application runs it: with a client built like the application's own. */
  private static List<SetupStep> apply(UploadSettings settings) {
    try (S3Client client =
        StorageClients.newClient(
            settings,
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(Moto.ACCESS_KEY, Moto.SECRET_KEY)))) {
      return new BucketSetup(client, settings).apply();
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
    UploadSettings settings = settingsFor("fresh");
    BucketDocuments documents = BucketDocuments.forSettings(settings);

    List<SetupStep> steps = apply(settings);

    assertEquals(
        List.of(Outcome.CHANGED, Outcome.CHANGED, Outcome.CHANGED, Outcome.CHANGED),
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
  }

  @Test
  void applyingTwiceChangesNothingTheSecondTime() {
    s3.createBucket(b -> b.bucket("twice"));
    UploadSettings settings = settingsFor("twice");
    apply(settings);

    List<SetupStep> again = apply(settings);

    assertEquals(
        List.of(Outcome.UNCHANGED, Outcome.UNCHANGED, Outcome.UNCHANGED, Outcome.UNCHANGED),
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
    UploadSettings settings = settingsFor("shared");

    List<SetupStep> steps = apply(settings);

    assertTrue(
        steps.get(0).message().startsWith("Replaced the rule 's3-direct-upload'"),
        steps.get(0).message());
    List<CORSRule> rules = s3.getBucketCors(b -> b.bucket("shared")).corsRules();
    assertEquals(
        List.of(BucketSetup.toSdkRule(BucketDocuments.forSettings(settings).corsRule()), otherTeam),
        rules);
    List<JsonObject> statements =
        policyOf("shared").getJsonArray("Statement").getValuesAs(JsonObject.class);
    assertEquals("OtherTeamRead", statements.get(0).getString("Sid"));
    assertEquals(
        BucketDocuments.forSettings(settings).policy().getJsonArray("Statement"),
        Json.createArrayBuilder(statements.subList(1, statements.size())).build());
  }

  @Test
  void kmsModeSetsTheKeyAsDefault() {
    s3.createBucket(b -> b.bucket("with-kms"));
    String key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    UploadSettings settings =
        settingsFor("with-kms", "upload.sse", "aws:kms", "upload.sse-kms-key-id", key);

    apply(settings);

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
    List<SetupStep> steps = apply(settingsFor("no-such-bucket"));

    assertEquals(
        List.of(Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED),
        outcomes(steps),
        steps.toString());
    assertTrue(steps.get(0).message().contains("404"), steps.get(0).message());
  }
}
