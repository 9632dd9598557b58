package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.s3directupload.config.TestSettings;
import org.s3directupload.json.Jsons;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class PostPolicySignerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T12:00:00.250Z"), ZoneOffset.UTC);

  private static final AwsCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));

  /**
   * The policy of AWS's "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version
   * 4)" in the S3 API reference, byte for byte: CRLF line ends, the blank line and the space before
   * the last brace are part of what was signed.
   */
  private static final String AWS_EXAMPLE_POLICY =
      String.join(
          "\r\n",
          "{ \"expiration\": \"2015-12-30T12:00:00.000Z\",",
          "  \"conditions\": [",
          "    {\"bucket\": \"sigv4examplebucket\"},",
          "    [\"starts-with\", \"$key\", \"user/user1/\"],",
          "    {\"acl\": \"public-read\"},",
          "    {\"success_action_redirect\":"
              + " \"http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html\"},",
          "    [\"starts-with\", \"$Content-Type\", \"image/\"],",
          "    {\"x-amz-meta-uuid\": \"14365123651274\"},",
          "    {\"x-amz-server-side-encryption\": \"AES256\"},",
          "    [\"starts-with\", \"$x-amz-meta-tag\", \"\"],",
          "",
          "    {\"x-amz-credential\":"
              + " \"AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request\"},",
          "    {\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"},",
          "    {\"x-amz-date\": \"20151229T000000Z\" }",
          "  ]",
          "}");

  /** The example's Base64-encoded policy, which is its string to sign. */
  private static final String AWS_EXAMPLE_STRING_TO_SIGN =
      "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7"
          + "ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNl"
          + "ci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVk"
          + "aXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBs"
          + "b2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAg"
          + "eyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVu"
          + "Y3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0s"
          + "DQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFz"
          + "dC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYi"
          + "fSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";

  @Test
  void awsExamplePolicyEncodesToItsPublishedStringToSign() {
    assertEquals(AWS_EXAMPLE_STRING_TO_SIGN, PostPolicySigner.base64(AWS_EXAMPLE_POLICY));
  }

  @Test
  void awsExampleSignatureMatchesThePublishedOne() {
    assertEquals(
        "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e",
        PostPolicySigner.sigV4Signature(
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "20151229",
            "us-east-1",
            AWS_EXAMPLE_STRING_TO_SIGN));
  }

  @Test
  void expirationIsUtcWithMilliseconds() {
    assertEquals(
        "2015-12-30T12:00:00.000Z",
        PostPolicySigner.expiration(Instant.parse("2015-12-30T12:00:00Z")));
    assertEquals(
        "2026-01-02T03:04:05.000Z",
        PostPolicySigner.expiration(Instant.parse("2026-01-02T03:04:05Z")));
  }

  private static TicketIssuer issuer(SigningSettings settings, AwsCredentialsProvider keys) {
    return new TicketIssuer(
        settings,
        null,
        new PostPolicySigner(keys, settings.store(), settings.signatureVersion(), CLOCK),
        CLOCK);
  }

  private static SigningSettings post(String... more) {
    List<String> kv =
        new ArrayList<>(
            List.of(
                "upload.method", "post",
                "upload.endpoint", "http://127.0.0.1:9000",
                "upload.path-style", "true",
                "upload.region", "eu-central-1"));
    kv.addAll(List.of(more));
    return TestSettings.signing(kv.toArray(String[]::new));
  }

  private static UploadTicket ticket(SigningSettings settings, AwsCredentialsProvider keys) {
    TicketIssuer cut = issuer(settings, keys);
    return cut.issue("alice", cut.accept(new UploadRequest("Report.pdf", "application/pdf", 1234)));
  }

  private static JsonObject policyOf(UploadTicket ticket) {
    String json =
        new String(
            Base64.getDecoder().decode(ticket.fields().get("policy")), StandardCharsets.UTF_8);
    return Jsons.createReader(new StringReader(json)).readObject();
  }

  /** Each {@code {"name": "value"}} condition, by name; the arrays under {@code ""} in order. */
  private static Map<String, String> exactConditions(JsonObject policy) {
    Map<String, String> exact = new LinkedHashMap<>();
    for (JsonValue condition : policy.getJsonArray("conditions")) {
      if (condition instanceof JsonObject object) {
        assertEquals(1, object.size(), object.toString());
        object.forEach((name, value) -> exact.put(name, object.getString(name)));
      }
    }
    return exact;
  }

  private static List<JsonArray> arrayConditions(JsonObject policy) {
    return policy.getJsonArray("conditions").stream()
        .filter(JsonArray.class::isInstance)
        .map(JsonArray.class::cast)
        .toList();
  }

  @Test
  void v4TicketIsAPostToTheBucketWithItsFieldsAndPolicy() {
    UploadTicket ticket = ticket(post(), KEYS);

    assertEquals("POST", ticket.method());
    assertEquals("http://127.0.0.1:9000/test-bucket/", ticket.url());
    assertEquals(Map.of(), ticket.headers());
    Map<String, String> fields = ticket.fields();
    assertEquals(
        List.of(
            "key",
            "Content-Type",
            "Content-Disposition",
            "x-amz-server-side-encryption",
            "x-amz-meta-uploaded-by",
            "x-amz-meta-upload-id",
            "success_action_status",
            "x-amz-algorithm",
            "x-amz-credential",
            "x-amz-date",
            "policy",
            "x-amz-signature"),
        List.copyOf(fields.keySet()));
    assertEquals(ticket.key(), fields.get("key"));
    assertEquals("application/pdf", fields.get("Content-Type"));
    assertEquals("AES256", fields.get("x-amz-server-side-encryption"));
    assertEquals(ticket.id(), fields.get("x-amz-meta-upload-id"));
    assertEquals("AKID/20261130/eu-central-1/s3/aws4_request", fields.get("x-amz-credential"));
    assertEquals("20261130T120000Z", fields.get("x-amz-date"));
    assertEquals(Instant.parse("2026-11-30T12:10:00Z"), ticket.expiresAt());
    assertEquals(
        PostPolicySigner.sigV4Signature("secret", "20261130", "eu-central-1", fields.get("policy")),
        fields.get("x-amz-signature"));
    assertEquals(
        ticket.toJson().getJsonObject("fields").keySet(), fields.keySet(), "JSON lists fields");
    assertFalse(ticket.toJson().containsKey("headers"));
  }

  @Test
  void policyBindsEveryFieldExactlyAndTheExactSize() {
    UploadTicket ticket = ticket(post(), KEYS);
    JsonObject policy = policyOf(ticket);

    assertEquals("2026-11-30T12:10:00.000Z", policy.getString("expiration"));
    Map<String, String> exact = exactConditions(policy);
    assertEquals("test-bucket", exact.remove("bucket"));
    Map<String, String> signedFields = new LinkedHashMap<>(ticket.fields());
    signedFields.remove("policy");
    signedFields.remove("x-amz-signature");
    assertEquals(signedFields, exact, "every field sent is an exact condition, nothing else");
    List<JsonArray> arrays = arrayConditions(policy);
    assertEquals(1, arrays.size(), arrays.toString());
    assertEquals(
        Jsons.createArrayBuilder().add("content-length-range").add(1234).add(1234).build(),
        arrays.get(0));
  }

  @Test
  void keyIsExactWithoutFilenameVariableOrPrefix() {
    UploadTicket ticket = ticket(post(), KEYS);
    String policy = policyOf(ticket).toString();

    assertTrue(ticket.key().startsWith("uploads/alice/2026/11/30/"), ticket.key());
    assertTrue(ticket.key().endsWith("/Report.pdf"), ticket.key());
    assertFalse(policy.contains("${filename}"), policy);
    assertFalse(policy.contains("starts-with"), policy);
    assertEquals(ticket.key(), exactConditions(policyOf(ticket)).get("key"));
  }

  @Test
  void kmsTicketsBindTheAlgorithmAndTheKey() {
    UploadTicket ticket =
        ticket(post("upload.sse", "aws:kms", "upload.sse-kms-key-id", "alias/uploads"), KEYS);
    Map<String, String> exact = exactConditions(policyOf(ticket));

    assertEquals("aws:kms", exact.get("x-amz-server-side-encryption"));
    assertEquals("alias/uploads", exact.get("x-amz-server-side-encryption-aws-kms-key-id"));
    assertEquals("alias/uploads", ticket.fields().get(TicketHeaders.SSE_KMS_KEY_ID));
  }

  @Test
  void dsseTicketsBindTheirAlgorithm() {
    UploadTicket ticket = ticket(post("upload.sse", "aws:kms:dsse"), KEYS);

    assertEquals(
        "aws:kms:dsse", exactConditions(policyOf(ticket)).get("x-amz-server-side-encryption"));
    assertFalse(ticket.fields().containsKey(TicketHeaders.SSE_KMS_KEY_ID));
  }

  @Test
  void tagsStorageClassAndChecksumAreBoundToo() {
    TicketIssuer cut =
        issuer(
            post(
                "upload.object-tags",
                "classification=internal&team=r%26d",
                "upload.storage-class",
                "STANDARD_IA"),
            KEYS);
    UploadTicket ticket =
        cut.issue(
            "alice",
            cut.accept(
                new UploadRequest(
                    "a.pdf",
                    "application/pdf",
                    3,
                    Optional.of("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="))));
    Map<String, String> exact = exactConditions(policyOf(ticket));

    assertEquals(
        "<Tagging><TagSet><Tag><Key>classification</Key><Value>internal</Value></Tag>"
            + "<Tag><Key>team</Key><Value>r&amp;d</Value></Tag></TagSet></Tagging>",
        exact.get("tagging"));
    assertEquals("STANDARD_IA", exact.get("x-amz-storage-class"));
    assertEquals(
        "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", exact.get("x-amz-checksum-sha256"));
    assertFalse(exact.containsKey("If-None-Match"), "a form has no conditional write");
  }

  @Test
  void v2TicketSignsThePolicyWithHmacSha1() {
    UploadTicket ticket = ticket(post("upload.signature-version", "v2"), KEYS);
    Map<String, String> fields = ticket.fields();

    assertEquals("AKID", fields.get("AWSAccessKeyId"));
    assertEquals(
        SigV2QuerySigner.signature("secret", fields.get("policy")), fields.get("signature"));
    assertFalse(fields.keySet().stream().anyMatch(name -> name.startsWith("x-amz-algorithm")));
    Map<String, String> exact = exactConditions(policyOf(ticket));
    assertFalse(exact.containsKey("AWSAccessKeyId"), "not a condition: it names the signer");
    assertEquals("AES256", exact.get("x-amz-server-side-encryption"));
    assertEquals(
        Jsons.createArrayBuilder().add("content-length-range").add(1234).add(1234).build(),
        arrayConditions(policyOf(ticket)).get(0));
  }

  @Test
  void sessionTokenIsAFieldAndAConditionForBothVersions() {
    AwsCredentialsProvider session =
        StaticCredentialsProvider.create(AwsSessionCredentials.create("AKID", "secret", "TOKEN"));
    for (String version : List.of("v4", "v2")) {
      UploadTicket ticket = ticket(post("upload.signature-version", version), session);

      assertEquals("TOKEN", ticket.fields().get("x-amz-security-token"), version);
      assertEquals("TOKEN", exactConditions(policyOf(ticket)).get("x-amz-security-token"), version);
    }
  }

  @Test
  void ticketToStringShowsNoPolicyOrSignature() {
    UploadTicket ticket = ticket(post(), KEYS);

    assertFalse(ticket.toString().contains(ticket.fields().get("x-amz-signature")));
    assertFalse(ticket.toString().contains(ticket.fields().get("policy")));
  }

  @Test
  void aFormWithoutScriptBindsTheTypeAndRedirectAndRangesFromOneByteToTheLimit() {
    SigningSettings settings =
        post(
            "upload.allowed-content-types", "application/pdf,image/*,text/plain",
            "upload.max-size", "5000");
    TicketIssuer cut = issuer(settings, KEYS);

    assertEquals(List.of("application/pdf", "text/plain"), cut.formContentTypes());
    UploadTicket ticket =
        cut.issueForm(
            "alice",
            cut.acceptForm("application/pdf"),
            id -> "https://uploads.example.com/upload-form/done?id=" + id);

    assertTrue(ticket.key().endsWith("/" + ticket.id() + "/upload.pdf"), ticket.key());
    Map<String, String> exact = exactConditions(policyOf(ticket));
    assertEquals(ticket.key(), exact.get("key"));
    assertEquals("application/pdf", exact.get("Content-Type"));
    assertEquals(
        "https://uploads.example.com/upload-form/done?id=" + ticket.id(),
        exact.get("success_action_redirect"));
    assertFalse(exact.containsKey("success_action_status"));
    assertEquals(
        Jsons.createArrayBuilder().add("content-length-range").add(1).add(5000).build(),
        arrayConditions(policyOf(ticket)).get(0));
  }

  @Test
  void aFormIsOnlyForAnExactAllowedTypeAndOnlyWithPost() {
    TicketIssuer cut =
        issuer(post("upload.allowed-content-types", "application/pdf,image/*"), KEYS);

    for (String type : new String[] {"image/*", "image/png", "text/html", null}) {
      UploadRefusal refusal = assertThrows(UploadRefusal.class, () -> cut.acceptForm(type));
      assertEquals("Choose one of the types offered: [application/pdf].", refusal.getMessage());
    }
    TicketIssuer put = issuer(TestSettings.signing(), KEYS);
    AcceptedUpload upload = put.acceptForm("application/pdf");
    assertThrows(IllegalStateException.class, () -> put.issueForm("alice", upload, id -> "x"));
  }

  @Test
  void theDoctorsUnencryptedFormLeavesOutOnlyTheEncryption() {
    TicketIssuer cut = issuer(post("upload.sse", "aws:kms", "upload.sse-kms-key-id", "k"), KEYS);

    UploadTicket form =
        cut.issueUnencryptedCanaryForm(
            "uploads/.doctor/canary.txt", new UploadRequest("c.txt", "application/pdf", 5));

    Map<String, String> exact = exactConditions(policyOf(form));
    assertFalse(exact.containsKey(TicketHeaders.SSE), exact.toString());
    assertFalse(exact.containsKey(TicketHeaders.SSE_KMS_KEY_ID), exact.toString());
    assertFalse(form.fields().containsKey(TicketHeaders.SSE));
    assertEquals("application/pdf", exact.get("Content-Type"));
    assertEquals("uploads/.doctor/canary.txt", exact.get("key"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            cut.issueUnencryptedCanaryForm(
                "elsewhere/x.txt", new UploadRequest("c.txt", "application/pdf", 5)));
  }
}
