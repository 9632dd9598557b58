package org.s3directupload.bucket;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.s3directupload.json.Jsons;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketHeaders;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Applies the {@link BucketDocuments} to the bucket: idempotent (a document the bucket already has
 * is not written again), merging (other CORS rules, policy statements and lifecycle rules stay),
 * and honest per document about what it did, including when the store does not implement an
 * operation.
 *
 * <p>Longer than most classes here on purpose: five short steps, one per document, that share the
 * reading back, the merging and the translation of the store's refusals into words; apart, each
 * would repeat that sharing.
 */
public final class BucketSetup {

  private final S3Client s3;
  private final SigningSettings settings;
  private final MultipartSettings multipart;
  private final Origins origins;
  private final String bucket;
  private final BucketDocuments documents;

  public BucketSetup(
      S3Client s3, SigningSettings settings, MultipartSettings multipart, Origins origins) {
    this.s3 = s3;
    this.settings = settings;
    this.multipart = multipart;
    this.origins = origins;
    this.bucket = settings.store().bucket();
    this.documents = BucketDocuments.forSettings(settings, multipart, origins);
  }

  /** Applies every document, one after the other; a failure of one does not stop the others. */
  public List<SetupStep> apply() {
    return List.of(
        step("cors", this::applyCors),
        step("policy", this::applyPolicy),
        step("encryption", this::applyEncryption),
        step("publicAccessBlock", this::applyPublicAccessBlock),
        step("lifecycle", this::applyLifecycle));
  }

  private SetupStep applyCors() {
    if (origins.allowed().isEmpty()) {
      return new SetupStep(
          "cors",
          SetupStep.Outcome.SKIPPED,
          "upload.allowed-origins is empty, so no browser origin could upload. Set it to the"
              + " application's address (e.g. https://uploads.example.com) and apply again.");
    }
    CORSRule wanted = toSdkRule(documents.corsRule());
    List<CORSRule> current = new ArrayList<>();
    try {
      current.addAll(s3.getBucketCors(b -> b.bucket(bucket)).corsRules());
    } catch (S3Exception e) {
      if (!"NoSuchCORSConfiguration".equals(S3Errors.code(e))) {
        throw e;
      }
    }
    CORSRule existing =
        current.stream()
            .filter(rule -> BucketDocuments.CORS_RULE_ID.equals(rule.id()))
            .findFirst()
            .orElse(null);
    if (sameRule(existing, wanted)) {
      return new SetupStep(
          "cors", SetupStep.Outcome.UNCHANGED, "The rule '" + wanted.id() + "' is already there.");
    }
    // first: S3 answers a request with the first rule that matches it
    List<CORSRule> merged = new ArrayList<>();
    merged.add(wanted);
    current.stream().filter(rule -> !Objects.equals(rule.id(), wanted.id())).forEach(merged::add);
    s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(merged)));
    return new SetupStep(
        "cors",
        SetupStep.Outcome.CHANGED,
        (existing == null ? "Added" : "Replaced")
            + " the rule '"
            + wanted.id()
            + "': "
            + String.join(", ", wanted.allowedMethods())
            + " from "
            + String.join(", ", wanted.allowedOrigins())
            + " with the headers "
            + String.join(", ", wanted.allowedHeaders())
            + (merged.size() > 1 ? "; the bucket's other rules are kept." : "."));
  }

  private static boolean sameRule(CORSRule existing, CORSRule wanted) {
    if (existing == null) {
      return false;
    }
    return lower(existing.allowedOrigins()).equals(lower(wanted.allowedOrigins()))
        && existing.allowedMethods().equals(wanted.allowedMethods())
        && lower(existing.allowedHeaders()).equals(lower(wanted.allowedHeaders()))
        && lower(existing.exposeHeaders()).equals(lower(wanted.exposeHeaders()))
        && Objects.equals(existing.maxAgeSeconds(), wanted.maxAgeSeconds());
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(java.util.Locale.ROOT)).sorted().toList();
  }

  /** The SDK's form of a CORS rule document. */
  public static CORSRule toSdkRule(JsonObject rule) {
    return CORSRule.builder()
        .id(rule.getString("ID"))
        .allowedOrigins(strings(rule.getJsonArray("AllowedOrigins")))
        .allowedMethods(strings(rule.getJsonArray("AllowedMethods")))
        .allowedHeaders(strings(rule.getJsonArray("AllowedHeaders")))
        .exposeHeaders(strings(rule.getJsonArray("ExposeHeaders")))
        .maxAgeSeconds(rule.getInt("MaxAgeSeconds"))
        .build();
  }

  private SetupStep applyPolicy() {
    JsonObject current = null;
    try {
      String text = s3.getBucketPolicy(b -> b.bucket(bucket)).policy();
      try (var reader = Jsons.createReader(new StringReader(text))) {
        current = reader.readObject();
      }
    } catch (S3Exception e) {
      // AWS says NoSuchBucketPolicy; some S3-compatible stores (S3Proxy) say NoSuchPolicy
      if (!List.of("NoSuchBucketPolicy", "NoSuchPolicy").contains(S3Errors.code(e))) {
        throw e;
      }
    }
    List<JsonObject> ours = objects(documents.policy().getJsonArray("Statement"));
    List<JsonObject> others = new ArrayList<>();
    List<JsonObject> oursNow = new ArrayList<>();
    if (current != null) {
      for (JsonObject statement : statements(current)) {
        if (statement.getString("Sid", "").startsWith(BucketDocuments.SID_PREFIX)) {
          oursNow.add(statement);
        } else {
          others.add(statement);
        }
      }
    }
    if (oursNow.size() == ours.size() && oursNow.containsAll(ours)) {
      return new SetupStep(
          "policy",
          SetupStep.Outcome.UNCHANGED,
          "The policy already has the application's " + ours.size() + " statements.");
    }
    JsonArrayBuilder merged = Jsons.createArrayBuilder();
    others.forEach(merged::add);
    ours.forEach(merged::add);
    // an existing policy keeps its Version and Id; only the statements change
    JsonObject policy =
        Jsons.createObjectBuilder(current != null ? current : documents.policy())
            .add("Statement", merged)
            .build();
    s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy.toString()));
    return new SetupStep(
        "policy",
        SetupStep.Outcome.CHANGED,
        "Wrote the application's "
            + ours.size()
            + " statements (deny PutObject without "
            + settings.store().sse().headerValue()
            + ", deny requests without TLS)"
            + (others.isEmpty() ? "." : "; kept the " + others.size() + " other statements."));
  }

  private static List<JsonObject> statements(JsonObject policy) {
    JsonValue statement = policy.get("Statement");
    if (statement == null) {
      return List.of();
    }
    if (statement.getValueType() == JsonValue.ValueType.OBJECT) {
      return List.of(statement.asJsonObject());
    }
    return objects(statement.asJsonArray());
  }

  private SetupStep applyEncryption() {
    ServerSideEncryptionByDefault wanted =
        ServerSideEncryptionByDefault.builder()
            .sseAlgorithm(settings.store().sse().headerValue())
            .kmsMasterKeyID(settings.store().sseKmsKeyId().orElse(null))
            .build();
    ServerSideEncryptionByDefault current = null;
    Boolean currentBucketKey = null;
    try {
      var rules =
          s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules();
      if (!rules.isEmpty()) {
        current = rules.get(0).applyServerSideEncryptionByDefault();
        currentBucketKey = rules.get(0).bucketKeyEnabled();
      }
    } catch (S3Exception e) {
      if (!"ServerSideEncryptionConfigurationNotFoundError".equals(S3Errors.code(e))) {
        throw e;
      }
    }
    if (current != null
        && wanted.sseAlgorithmAsString().equals(current.sseAlgorithmAsString())
        && Objects.equals(wanted.kmsMasterKeyID(), current.kmsMasterKeyID())
        && bucketKeyWanted() == Boolean.TRUE.equals(currentBucketKey)) {
      return new SetupStep(
          "encryption",
          SetupStep.Outcome.UNCHANGED,
          "Default encryption is already " + wanted.sseAlgorithmAsString() + ".");
    }
    boolean bucketKey =
        documents
            .encryption()
            .getJsonArray("Rules")
            .getJsonObject(0)
            .getBoolean("BucketKeyEnabled");
    s3.putBucketEncryption(
        b ->
            b.bucket(bucket)
                .serverSideEncryptionConfiguration(
                    c ->
                        c.rules(
                            ServerSideEncryptionRule.builder()
                                .applyServerSideEncryptionByDefault(wanted)
                                .bucketKeyEnabled(bucketKey)
                                .build())));
    return new SetupStep(
        "encryption",
        SetupStep.Outcome.CHANGED,
        "Set default encryption to "
            + wanted.sseAlgorithmAsString()
            + (current == null ? "." : " (it was " + current.sseAlgorithmAsString() + ")."));
  }

  private boolean bucketKeyWanted() {
    return documents
        .encryption()
        .getJsonArray("Rules")
        .getJsonObject(0)
        .getBoolean("BucketKeyEnabled");
  }

  private SetupStep applyPublicAccessBlock() {
    PublicAccessBlockConfiguration wanted =
        PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true)
            .ignorePublicAcls(true)
            .blockPublicPolicy(true)
            .restrictPublicBuckets(true)
            .build();
    PublicAccessBlockConfiguration current = null;
    try {
      current = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
    } catch (S3Exception e) {
      if (!"NoSuchPublicAccessBlockConfiguration".equals(S3Errors.code(e))) {
        throw e;
      }
    }
    if (wanted.equals(current)) {
      return new SetupStep(
          "publicAccessBlock",
          SetupStep.Outcome.UNCHANGED,
          "All four public-access blocks are already on.");
    }
    s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(wanted));
    return new SetupStep(
        "publicAccessBlock", SetupStep.Outcome.CHANGED, "Turned on all four public-access blocks.");
  }

  private SetupStep applyLifecycle() {
    LifecycleRule wanted = toSdkLifecycleRule(documents.lifecycleRule());
    List<LifecycleRule> current = new ArrayList<>();
    // a setting of the whole configuration, not of a rule: written back as read, or AWS would
    // reset it to its default for the other rules' transitions
    String transitionMinimumSize = null;
    try {
      var read = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket));
      current.addAll(read.rules());
      transitionMinimumSize = read.transitionDefaultMinimumObjectSizeAsString();
    } catch (S3Exception e) {
      if (!"NoSuchLifecycleConfiguration".equals(S3Errors.code(e))) {
        throw e;
      }
    }
    LifecycleRule existing =
        current.stream().filter(rule -> wanted.id().equals(rule.id())).findFirst().orElse(null);
    String what =
        "multipart uploads under '"
            + settings.keyPrefix()
            + "' still unfinished "
            + AbortIncompleteUploads.inDays(multipart.incompleteUploadDays())
            + " after they started are aborted and their parts deleted";
    if (wanted.equals(existing)) {
      return new SetupStep(
          "lifecycle",
          SetupStep.Outcome.UNCHANGED,
          "The rule '" + wanted.id() + "' is already there: " + what + ".");
    }
    // our rule where it was, or added at the end; every other rule exactly as read
    List<LifecycleRule> merged = new ArrayList<>();
    current.forEach(rule -> merged.add(wanted.id().equals(rule.id()) ? wanted : rule));
    if (existing == null) {
      merged.add(wanted);
    }
    String minimumSize = transitionMinimumSize;
    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket(bucket)
                .transitionDefaultMinimumObjectSize(minimumSize)
                .lifecycleConfiguration(c -> c.rules(merged)));
    int others = merged.size() - 1;
    return new SetupStep(
        "lifecycle",
        SetupStep.Outcome.CHANGED,
        (existing == null ? "Added" : "Replaced")
            + " the rule '"
            + wanted.id()
            + "': "
            + what
            + (others == 0
                ? "."
                : "; kept the bucket's "
                    + others
                    + " other "
                    + (others == 1 ? "rule." : "rules.")));
  }

  /** The SDK's form of the lifecycle rule document. */
  public static LifecycleRule toSdkLifecycleRule(JsonObject rule) {
    return LifecycleRule.builder()
        .id(rule.getString("ID"))
        .filter(f -> f.prefix(rule.getJsonObject("Filter").getString("Prefix")))
        .status(ExpirationStatus.fromValue(rule.getString("Status")))
        .abortIncompleteMultipartUpload(
            a ->
                a.daysAfterInitiation(
                    rule.getJsonObject("AbortIncompleteMultipartUpload")
                        .getInt("DaysAfterInitiation")))
        .build();
  }

  /** Runs one document's step, turning the store's refusals into a step a person can act on. */
  private SetupStep step(String document, Supplier<SetupStep> action) {
    try {
      return action.get();
    } catch (S3Exception e) {
      if (e.statusCode() == 501) {
        return new SetupStep(document, SetupStep.Outcome.NOT_SUPPORTED, instead(document));
      }
      if (e.statusCode() == 404 && "NoSuchBucket".equals(S3Errors.code(e))) {
        return new SetupStep(
            document,
            SetupStep.Outcome.FAILED,
            "The bucket '"
                + bucket
                + "' does not exist (404 NoSuchBucket): create it, or check upload.bucket,"
                + " upload.region and upload.endpoint.");
      }
      if (e.statusCode() == 403) {
        return new SetupStep(
            document,
            SetupStep.Outcome.FAILED,
            "The store refused (403 "
                + S3Errors.code(e)
                + "): the application's credentials may not read or change the bucket's "
                + document
                + ". Grant them that permission, or apply the document from GET /api/bucket/setup"
                + " with your own tools.");
      }
      return new SetupStep(
          document,
          SetupStep.Outcome.FAILED,
          "The store answered " + e.statusCode() + " " + S3Errors.code(e) + ".");
    } catch (SdkClientException e) {
      return new SetupStep(
          document,
          SetupStep.Outcome.FAILED,
          "The store " + S3Errors.noAnswer(e, settings.store().timeouts()) + ".");
    }
  }

  /** How to get the effect of a document on a store that does not implement its operation. */
  private String instead(String document) {
    JsonObject rule = documents.corsRule();
    return switch (document) {
      case "cors" ->
          "The store does not implement bucket CORS rules (501). Configure CORS in the store"
              + " itself: allow the origins "
              + String.join(", ", strings(rule.getJsonArray("AllowedOrigins")))
              + ", the method "
              + settings.method().name()
              + ", the headers "
              + String.join(", ", TicketHeaders.names(settings))
              + ", and expose ETag. For S3Proxy: s3proxy.cors-allow-origins (regular expressions),"
              + " s3proxy.cors-allow-methods="
              + settings.method().name()
              + ", s3proxy.cors-allow-headers="
              + String.join(" ", TicketHeaders.names(settings))
              + ", s3proxy.cors-exposed-headers=ETag.";
      case "policy" ->
          "The store does not implement bucket policies (501). Tickets still cannot skip"
              + " encryption (the header is signed), but other credentials could write"
              + " unencrypted objects: restrict who holds write credentials for this bucket, and"
              + " serve the store over TLS only.";
      case "encryption" ->
          "The store does not implement default bucket encryption (501). Objects written through"
              + " tickets still request "
              + settings.store().sse().headerValue()
              + "; configure encryption at rest in the store itself for anything else.";
      case "lifecycle" ->
          "The store does not implement bucket lifecycle rules (501), so the rule that aborts"
              + " unfinished multipart uploads could not be applied. Parts of an upload that is"
              + " never finished stay in the store, taking space, and appear in no listing of"
              + " objects. If the store has its own clean-up of incomplete multipart uploads, set"
              + " it to abort those under '"
              + settings.keyPrefix()
              + "' after "
              + AbortIncompleteUploads.inDays(multipart.incompleteUploadDays())
              + "; otherwise only the application's sweeper aborts them, and only those it"
              + " started.";
      default ->
          "The store does not implement public-access blocks (501). Make sure the store grants no"
              + " anonymous access to this bucket (no public ACLs or policies).";
    };
  }

  private static List<String> strings(JsonArray array) {
    return array.getValuesAs(JsonString::getString);
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.getValuesAs(JsonObject.class);
  }
}
