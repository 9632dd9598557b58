package org.s3directupload.bucket;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.s3directupload.json.Jsons;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketHeaders;
import org.s3directupload.storage.ServerSideEncryption;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.web.Origins;

/**
 * The five documents a bucket needs so that it agrees with the tickets, in the JSON forms the S3
 * API and the AWS CLI take ({@code put-bucket-cors}, {@code put-bucket-policy}, {@code
 * put-bucket-encryption}, {@code put-public-access-block}, {@code
 * put-bucket-lifecycle-configuration}). Everything comes from the settings and from {@link
 * TicketHeaders}: there is no second list of headers.
 *
 * @param cors one rule: the allowed origins, the upload method ({@code PUT}, or {@code POST} with
 *     {@code upload.method=post}), exactly the ticket headers (none for a form), {@code ETag}
 * @param policy denies {@code PutObject} without the configured encryption, and any request without
 *     TLS (unless the endpoint itself is plain HTTP); statement ids start with {@value #SID_PREFIX}
 *     so applying merges instead of replacing
 * @param encryption default encryption matching {@code upload.sse}
 * @param publicAccessBlock all four flags on
 * @param lifecycle one rule, {@value #LIFECYCLE_RULE_ID}: multipart uploads under the key prefix
 *     that are still unfinished {@code upload.incomplete-upload-days} after they started are
 *     aborted, which deletes their parts; applying merges it with the bucket's other rules by ID
 */
public record BucketDocuments(
    JsonObject cors,
    JsonObject policy,
    JsonObject encryption,
    JsonObject publicAccessBlock,
    JsonObject lifecycle) {

  /** The id of the application's CORS rule; other rules in the bucket are left alone. */
  public static final String CORS_RULE_ID = "s3-direct-upload";

  /** Every policy statement of the application has a Sid starting with this. */
  public static final String SID_PREFIX = "S3DirectUpload";

  /** How long browsers may cache a preflight answer. */
  public static final int CORS_MAX_AGE_SECONDS = 3000;

  /** The id of the application's lifecycle rule; other rules in the bucket are left alone. */
  public static final String LIFECYCLE_RULE_ID = "s3-direct-upload-abort-incomplete-multipart";

  public static BucketDocuments forSettings(
      SigningSettings settings, MultipartSettings multipart, Origins origins) {
    return new BucketDocuments(
        corsFor(settings, origins),
        policyFor(settings.store()),
        encryptionFor(settings.store()),
        allBlocksOn(),
        lifecycleFor(settings.keyPrefix(), multipart.incompleteUploadDays()));
  }

  /** The application's CORS rule alone. */
  public JsonObject corsRule() {
    return cors.getJsonArray("CORSRules").getJsonObject(0);
  }

  /** The application's lifecycle rule alone. */
  public JsonObject lifecycleRule() {
    return lifecycle.getJsonArray("Rules").getJsonObject(0);
  }

  public JsonObject toJson() {
    return Jsons.createObjectBuilder()
        .add("cors", cors)
        .add("policy", policy)
        .add("encryption", encryption)
        .add("publicAccessBlock", publicAccessBlock)
        .add("lifecycle", lifecycle)
        .build();
  }

  private static JsonObject corsFor(SigningSettings settings, Origins origins) {
    JsonObject rule =
        Jsons.createObjectBuilder()
            .add("ID", CORS_RULE_ID)
            .add("AllowedOrigins", strings(origins.allowed()))
            .add("AllowedMethods", strings(List.of(settings.method().name())))
            .add("AllowedHeaders", strings(TicketHeaders.names(settings)))
            .add("ExposeHeaders", strings(List.of("ETag")))
            .add("MaxAgeSeconds", CORS_MAX_AGE_SECONDS)
            .build();
    return Jsons.createObjectBuilder()
        .add("CORSRules", Jsons.createArrayBuilder().add(rule))
        .build();
  }

  private static JsonObject policyFor(StoreSettings settings) {
    String bucketArn = "arn:aws:s3:::" + settings.bucket();
    String objects = bucketArn + "/*";
    String sse = settings.sse().headerValue();
    JsonArrayBuilder statements =
        Jsons.createArrayBuilder()
            .add(
                denyPut(
                    "DenyOtherEncryption",
                    objects,
                    "StringNotEquals",
                    "s3:x-amz-server-side-encryption",
                    sse))
            .add(
                denyPut(
                    "DenyMissingEncryption",
                    objects,
                    "Null",
                    "s3:x-amz-server-side-encryption",
                    "true"));
    settings
        .sseKmsKeyId()
        .ifPresent(
            keyId ->
                statements.add(
                    denyPut(
                        "DenyOtherKmsKey",
                        objects,
                        "StringNotEquals",
                        "s3:x-amz-server-side-encryption-aws-kms-key-id",
                        keyId)));
    if (!settings.plainHttp()) {
      // a store served over plain HTTP would refuse every request, the application's included
      statements.add(
          Jsons.createObjectBuilder()
              .add("Sid", SID_PREFIX + "DenyInsecureTransport")
              .add("Effect", "Deny")
              .add("Principal", "*")
              .add("Action", "s3:*")
              .add("Resource", strings(List.of(bucketArn, objects)))
              .add("Condition", condition("Bool", "aws:SecureTransport", "false")));
    }
    return Jsons.createObjectBuilder()
        .add("Version", "2012-10-17")
        .add("Statement", statements)
        .build();
  }

  private static JsonObject denyPut(
      String name, String resource, String operator, String key, String value) {
    return Jsons.createObjectBuilder()
        .add("Sid", SID_PREFIX + name)
        .add("Effect", "Deny")
        .add("Principal", "*")
        .add("Action", "s3:PutObject")
        .add("Resource", resource)
        .add("Condition", condition(operator, key, value))
        .build();
  }

  private static JsonObjectBuilder condition(String operator, String key, String value) {
    return Jsons.createObjectBuilder().add(operator, Jsons.createObjectBuilder().add(key, value));
  }

  private static JsonObject encryptionFor(StoreSettings settings) {
    JsonObjectBuilder byDefault =
        Jsons.createObjectBuilder().add("SSEAlgorithm", settings.sse().headerValue());
    settings.sseKmsKeyId().ifPresent(keyId -> byDefault.add("KMSMasterKeyID", keyId));
    return Jsons.createObjectBuilder()
        .add(
            "Rules",
            Jsons.createArrayBuilder()
                .add(
                    Jsons.createObjectBuilder()
                        .add("ApplyServerSideEncryptionByDefault", byDefault)
                        // a bucket key cuts KMS requests; AES256 has no use for one, and AWS
                        // does not support bucket keys with DSSE-KMS
                        .add("BucketKeyEnabled", settings.sse() == ServerSideEncryption.AWS_KMS)))
        .build();
  }

  /**
   * Parts of a multipart upload that is never completed or aborted stay in the bucket, billed and
   * in no listing; the application's sweeper aborts those it knows of, this rule everything the
   * sweeper missed (an application that was down, a crashed instance).
   */
  private static JsonObject lifecycleFor(String keyPrefix, int days) {
    JsonObject rule =
        Jsons.createObjectBuilder()
            .add("ID", LIFECYCLE_RULE_ID)
            .add("Filter", Jsons.createObjectBuilder().add("Prefix", keyPrefix))
            .add("Status", "Enabled")
            .add(
                "AbortIncompleteMultipartUpload",
                Jsons.createObjectBuilder().add("DaysAfterInitiation", days))
            .build();
    return Jsons.createObjectBuilder().add("Rules", Jsons.createArrayBuilder().add(rule)).build();
  }

  private static JsonObject allBlocksOn() {
    return Jsons.createObjectBuilder()
        .add("BlockPublicAcls", true)
        .add("IgnorePublicAcls", true)
        .add("BlockPublicPolicy", true)
        .add("RestrictPublicBuckets", true)
        .build();
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder array = Jsons.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }
}
