package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3directupload.config.TestSettings;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;

class BucketDocumentsTest {

  /** The documents for the shipped defaults with {@code kv} on top. */
  private static BucketDocuments documents(String... kv) {
    SigningSettings settings = TestSettings.signing(kv);
    return BucketDocuments.forSettings(
        settings,
        MultipartSettings.read(TestSettings.reader(kv), settings),
        TestSettings.origins(kv));
  }

  private static List<String> strings(JsonObject object, String name) {
    return object.getJsonArray(name).getValuesAs(JsonString::getString);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "v4|AES256|''",
        "v4|aws:kms|''",
        "v4|aws:kms|arn:aws:kms:eu-central-1:111122223333:key/abc",
        "v4|aws:kms:dsse|alias/uploads",
        "v2|AES256|''",
      })
  void corsRuleAllowsExactlyTheTicketHeadersAndNoWildcard(String version, String sse, String key) {
    String[] kv = {
      "upload.signature-version",
      version,
      "upload.sse",
      sse,
      "upload.sse-kms-key-id",
      key.isEmpty() ? null : key,
      "upload.allowed-origins",
      "https://uploads.example.com"
    };
    SigningSettings settings = TestSettings.signing(kv);
    BucketDocuments cut = documents(kv);
    JsonObject rule = cut.corsRule();

    assertEquals(
        org.s3directupload.signing.TicketHeaders.names(settings), strings(rule, "AllowedHeaders"));
    assertEquals(List.of("https://uploads.example.com"), strings(rule, "AllowedOrigins"));
    assertEquals(List.of("PUT"), strings(rule, "AllowedMethods"));
    assertEquals(List.of("ETag"), strings(rule, "ExposeHeaders"));
    assertTrue(policyPrincipalOnly(cut), cut.toJson().toString());
    assertTrue(
        strings(rule, "AllowedHeaders").contains("x-amz-server-side-encryption"), rule.toString());
    assertEquals(
        !key.isEmpty(),
        strings(rule, "AllowedHeaders").contains("x-amz-server-side-encryption-aws-kms-key-id"));
  }

  @Test
  void postRuleAllowsPostAndNoHeaders() {
    BucketDocuments cut =
        documents("upload.method", "post", "upload.allowed-origins", "https://uploads.example.com");
    JsonObject rule = cut.corsRule();

    assertEquals(List.of("POST"), strings(rule, "AllowedMethods"));
    assertEquals(List.of(), strings(rule, "AllowedHeaders"));
    assertEquals(List.of("https://uploads.example.com"), strings(rule, "AllowedOrigins"));
    assertEquals(
        documents("upload.allowed-origins", "https://uploads.example.com").policy(),
        cut.policy(),
        "the encryption deny is about s3:PutObject, which a form upload is too");
  }

  /** The only '*' anywhere is the policy's Principal of its Deny statements. */
  private static boolean policyPrincipalOnly(BucketDocuments documents) {
    String withoutPrincipals = documents.toJson().toString().replace("\"Principal\":\"*\"", "");
    return !withoutPrincipals.contains("\"*\"");
  }

  @Test
  void wildcardAppearsOnlyAsThePrincipalOfDenials() {
    BucketDocuments cut = documents("upload.allowed-origins", "https://uploads.example.com");

    assertTrue(policyPrincipalOnly(cut), cut.toJson().toString());
    assertTrue(
        cut.policy().getJsonArray("Statement").getValuesAs(JsonObject.class).stream()
            .allMatch(statement -> statement.getString("Effect").equals("Deny")));
  }

  @Test
  void policyDeniesOtherOrMissingEncryptionAndPlainHttp() {
    JsonObject policy = documents("upload.bucket", "example-uploads").policy();
    List<JsonObject> statements = policy.getJsonArray("Statement").getValuesAs(JsonObject.class);

    assertEquals(
        List.of(
            "S3DirectUploadDenyOtherEncryption",
            "S3DirectUploadDenyMissingEncryption",
            "S3DirectUploadDenyInsecureTransport"),
        statements.stream().map(s -> s.getString("Sid")).toList());
    assertEquals(
        "AES256",
        statements
            .get(0)
            .getJsonObject("Condition")
            .getJsonObject("StringNotEquals")
            .getString("s3:x-amz-server-side-encryption"));
    assertEquals(
        "true",
        statements
            .get(1)
            .getJsonObject("Condition")
            .getJsonObject("Null")
            .getString("s3:x-amz-server-side-encryption"));
    assertEquals("arn:aws:s3:::example-uploads/*", statements.get(0).getString("Resource"));
    assertEquals(
        "false",
        statements
            .get(2)
            .getJsonObject("Condition")
            .getJsonObject("Bool")
            .getString("aws:SecureTransport"));
  }

  @Test
  void kmsKeyIsEnforcedAndDefaulted() {
    String key = "arn:aws:kms:eu-central-1:111122223333:key/abc";
    BucketDocuments cut = documents("upload.sse", "aws:kms", "upload.sse-kms-key-id", key);

    JsonObject keyStatement =
        cut.policy().getJsonArray("Statement").getValuesAs(JsonObject.class).stream()
            .filter(s -> s.getString("Sid").equals("S3DirectUploadDenyOtherKmsKey"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        key,
        keyStatement
            .getJsonObject("Condition")
            .getJsonObject("StringNotEquals")
            .getString("s3:x-amz-server-side-encryption-aws-kms-key-id"));
    JsonObject byDefault =
        cut.encryption()
            .getJsonArray("Rules")
            .getJsonObject(0)
            .getJsonObject("ApplyServerSideEncryptionByDefault");
    assertEquals("aws:kms", byDefault.getString("SSEAlgorithm"));
    assertEquals(key, byDefault.getString("KMSMasterKeyID"));
  }

  @Test
  void publicAccessBlockHasAllFourFlagsOn() {
    JsonObject block = documents().publicAccessBlock();

    assertEquals(4, block.size());
    block.values().forEach(flag -> assertEquals(jakarta.json.JsonValue.TRUE, flag));
  }

  @Test
  void plainHttpStoresGetNoTlsStatement() {
    BucketDocuments cut = documents("upload.endpoint", "http://127.0.0.1:9000");

    assertTrue(
        cut.policy().getJsonArray("Statement").getValuesAs(JsonObject.class).stream()
            .noneMatch(s -> s.getString("Sid").equals("S3DirectUploadDenyInsecureTransport")));
  }

  @Test
  void bucketKeyOnlyForKms() {
    for (String[] modeAndKey :
        new String[][] {{"AES256", "false"}, {"aws:kms", "true"}, {"aws:kms:dsse", "false"}}) {
      JsonObject rule =
          documents("upload.sse", modeAndKey[0])
              .encryption()
              .getJsonArray("Rules")
              .getJsonObject(0);
      assertEquals(
          Boolean.parseBoolean(modeAndKey[1]), rule.getBoolean("BucketKeyEnabled"), modeAndKey[0]);
    }
  }

  @Test
  void lifecycleRuleAbortsUnfinishedUploadsUnderTheKeyPrefixAfterTheConfiguredDays() {
    BucketDocuments cut =
        documents("upload.key-prefix", "team-a/incoming/", "upload.incomplete-upload-days", "5");

    assertEquals(
        "{\"Rules\":[{\"ID\":\"s3-direct-upload-abort-incomplete-multipart\","
            + "\"Filter\":{\"Prefix\":\"team-a/incoming/\"},\"Status\":\"Enabled\","
            + "\"AbortIncompleteMultipartUpload\":{\"DaysAfterInitiation\":5}}]}",
        cut.lifecycle().toString());
    assertEquals(cut.lifecycle().getJsonArray("Rules").getJsonObject(0), cut.lifecycleRule());
  }

  @Test
  void lifecycleRuleUsesTheShippedThreeDaysAndIsAmongThePrintedDocuments() {
    JsonObject printed = documents().toJson();

    assertEquals(
        List.of("cors", "policy", "encryption", "publicAccessBlock", "lifecycle"),
        List.copyOf(printed.keySet()));
    JsonObject rule = printed.getJsonObject("lifecycle").getJsonArray("Rules").getJsonObject(0);
    assertEquals(
        3, rule.getJsonObject("AbortIncompleteMultipartUpload").getInt("DaysAfterInitiation"));
    assertEquals("uploads/", rule.getJsonObject("Filter").getString("Prefix"));
  }
}
