package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.s3directupload.bucket.BucketDoctor;
import org.s3directupload.bucket.Finding;
import org.s3directupload.bucket.Finding.Status;
import org.s3directupload.bucket.SetupStep;
import org.s3directupload.config.TestSettings;
import org.s3directupload.devstore.DevStore;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.storage.StorageClients;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The doctor's failure branches against real stores, run in the test JVM the way {@code ./bucket.sh
 * doctor} runs it: moto, which implements the bucket settings (encryption, public-access block,
 * CORS, policy) and reports encryption truthfully, and S3Proxy, which checks credentials and
 * reports AES256 for every object.
 */
class BucketDoctorStoresIT {

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

  private static Map<String, Finding> byCheck(List<Finding> findings) {
    return findings.stream().collect(Collectors.toMap(Finding::check, Function.identity()));
  }

  private static void assertStatus(Status status, Finding finding) {
    assertEquals(status, finding.status(), finding.toString());
  }

  private static void assertNoCanaryLeft(String bucket) {
    assertEquals(
        0, s3.listObjectsV2(b -> b.bucket(bucket).prefix("uploads/.doctor/")).keyCount(), bucket);
    assertEquals(
        List.of(),
        s3.listMultipartUploads(b -> b.bucket(bucket).prefix("uploads/.doctor/")).uploads(),
        bucket);
  }

  @Test
  void aMissingBucketIsTheOnlyFindingAndSaysCreateIt() {
    List<Finding> findings = OnMoto.bucket(moto, "not-created").examine(Clock.systemUTC());

    assertEquals(1, findings.size(), findings.toString());
    Finding reachable = findings.get(0);
    assertEquals("bucket-reachable", reachable.check());
    assertStatus(Status.FAIL, reachable);
    assertTrue(reachable.observed().contains("404 NoSuchBucket"), reachable.observed());
    assertTrue(reachable.fix().startsWith("Create the bucket 'not-created'"), reachable.fix());
  }

  @Test
  void aBucketInAnotherRegionNamesItsRegion() {
    try (S3Client ireland =
        S3Client.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.EU_WEST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(Moto.ACCESS_KEY, Moto.SECRET_KEY)))
            .build()) {
      ireland.createBucket(
          b ->
              b.bucket("in-ireland")
                  .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    }

    List<Finding> findings = OnMoto.bucket(moto, "in-ireland").examine(Clock.systemUTC());

    Finding reachable = findings.get(0);
    assertStatus(Status.FAIL, reachable);
    assertTrue(reachable.observed().contains("is in eu-west-1"), reachable.observed());
    assertEquals("Set upload.region=eu-west-1 (the bucket's region).", reachable.fix());
  }

  @Test
  void aBareBucketMissesEverythingTheSetupWouldApply() {
    s3.createBucket(b -> b.bucket("bare"));

    Map<String, Finding> findings = byCheck(OnMoto.bucket(moto, "bare").examine(Clock.systemUTC()));

    assertStatus(Status.OK, findings.get("bucket-reachable"));
    assertStatus(Status.OK, findings.get("clock-skew"));
    assertStatus(Status.FAIL, findings.get("default-encryption"));
    assertEquals(
        "The bucket has no default encryption.", findings.get("default-encryption").observed());
    assertStatus(Status.WARN, findings.get("public-access-block"));
    Finding policy = findings.get("policy-enforces-encryption");
    assertStatus(Status.FAIL, policy);
    assertTrue(
        policy.observed().contains("The bucket has no policy (404 NoSuchBucketPolicy)."),
        policy.observed());
    // moto reports encryption truthfully: the unencrypted probe comes back unencrypted
    Finding reports = findings.get("encryption-reports");
    assertStatus(Status.OK, reports);
    assertTrue(reports.observed().contains("reported as unencrypted"), reports.observed());
    assertStatus(Status.OK, findings.get("canary-upload"));
    // moto implements multipart uploads and reports their encryption truthfully
    Finding inParts = findings.get("canary-multipart");
    assertStatus(Status.OK, inParts);
    assertTrue(inParts.observed().endsWith("stored with encryption AES256."), inParts.observed());
    Finding lifecycle = findings.get("lifecycle-abort-incomplete");
    assertStatus(Status.FAIL, lifecycle);
    assertEquals(
        "The bucket has no lifecycle rules, so nothing aborts multipart uploads that are never"
            + " finished.",
        lifecycle.observed());
    assertNoCanaryLeft("bare");
  }

  /**
   * Default encryption and the public-access block as the setup applies them. (Not the policy: moto
   * 5.2.1 applies a Deny statement whatever its condition, so it would refuse the canary too.)
   */
  @Test
  void defaultEncryptionAndPublicAccessBlockInPlacePass() {
    s3.createBucket(b -> b.bucket("defaults-on"));
    s3.putBucketEncryption(
        b ->
            b.bucket("defaults-on")
                .serverSideEncryptionConfiguration(
                    c ->
                        c.rules(
                            r ->
                                r.applyServerSideEncryptionByDefault(
                                    d -> d.sseAlgorithm("AES256")))));
    s3.putPublicAccessBlock(
        b ->
            b.bucket("defaults-on")
                .publicAccessBlockConfiguration(
                    c ->
                        c.blockPublicAcls(true)
                            .ignorePublicAcls(true)
                            .blockPublicPolicy(true)
                            .restrictPublicBuckets(true)));

    Map<String, Finding> findings =
        byCheck(OnMoto.bucket(moto, "defaults-on").examine(Clock.systemUTC()));

    assertStatus(Status.OK, findings.get("default-encryption"));
    assertEquals("Default encryption is AES256.", findings.get("default-encryption").observed());
    assertStatus(Status.OK, findings.get("public-access-block"));
    // an honest store with default encryption reports the unencrypted probe as encrypted by it
    Finding reports = findings.get("encryption-reports");
    assertStatus(Status.OK, reports);
    assertTrue(reports.observed().contains("the bucket's default encryption"), reports.observed());
    assertNoCanaryLeft("defaults-on");
  }

  @Test
  void defaultEncryptionOtherThanTheTicketsIsAWarning() {
    s3.createBucket(b -> b.bucket("other-default"));
    s3.putBucketEncryption(
        b ->
            b.bucket("other-default")
                .serverSideEncryptionConfiguration(
                    c ->
                        c.rules(
                            r ->
                                r.applyServerSideEncryptionByDefault(
                                    d -> d.sseAlgorithm("aws:kms")))));

    Finding encryption =
        byCheck(OnMoto.bucket(moto, "other-default").examine(Clock.systemUTC()))
            .get("default-encryption");

    assertStatus(Status.WARN, encryption);
    assertEquals(
        "Default encryption is aws:kms, the tickets ask for AES256.", encryption.observed());
  }

  @Test
  void aPublicAccessBlockPartlyOffNamesWhatIsOff() {
    s3.createBucket(b -> b.bucket("half-blocked"));
    s3.putPublicAccessBlock(
        b ->
            b.bucket("half-blocked")
                .publicAccessBlockConfiguration(
                    c ->
                        c.blockPublicAcls(true)
                            .ignorePublicAcls(false)
                            .blockPublicPolicy(true)
                            .restrictPublicBuckets(false)));

    Finding block =
        byCheck(OnMoto.bucket(moto, "half-blocked").examine(Clock.systemUTC()))
            .get("public-access-block");

    assertStatus(Status.FAIL, block);
    assertEquals("Off: IgnorePublicAcls, RestrictPublicBuckets.", block.observed());
  }

  @Test
  void aClockOffByMinutesWarnsAndOffByAQuarterHourFails() {
    s3.createBucket(b -> b.bucket("clocks"));
    OnMoto target = OnMoto.bucket(moto, "clocks");

    Finding slightly =
        byCheck(target.examine(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2))))
            .get("clock-skew");
    Finding badly =
        byCheck(target.examine(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20))))
            .get("clock-skew");

    assertStatus(Status.WARN, slightly);
    assertStatus(Status.FAIL, badly);
    assertTrue(
        badly
            .observed()
            .matches("This server's clock and the store's differ by about 1[12]\\d\\d s\\."),
        badly.observed());
    assertEquals("Synchronise this server's clock (NTP).", badly.fix());
  }

  @Test
  void s3ProxyRefusesWrongCredentialsAndItsEncryptionReportsCannotBeTrusted() throws Exception {
    SigningSettings settings =
        TestSettings.signing(
            "upload.bucket", "doctor-s3proxy",
            "upload.endpoint", "http://127.0.0.1:" + Integer.getInteger("it.store2.port"),
            "upload.path-style", "true");
    Origins origins = TestSettings.origins("upload.allowed-origins", "http://127.0.0.1:8080");
    try (DevStore store = DevStore.start(settings, origins, Integer.getInteger("it.store2.port"))) {
      Map<String, Finding> wrong = byCheck(examine(settings, origins, "not-the-secret"));
      Map<String, Finding> bare = byCheck(examine(settings, origins, DevStore.SECRET_KEY));
      List<SetupStep> steps = store.applySetup(shippedMultipart(settings));
      Map<String, Finding> withDefault = byCheck(examine(settings, origins, DevStore.SECRET_KEY));

      assertStatus(Status.FAIL, wrong.get("bucket-reachable"));
      assertTrue(wrong.get("bucket-reachable").observed().contains("answered 403"));
      assertTrue(
          wrong
              .get("bucket-reachable")
              .fix()
              .startsWith("Give the application's credentials access"));
      // S3Proxy's in-memory store says AES256 for an object stored without any encryption header
      Finding untrusted = bare.get("encryption-reports");
      assertStatus(Status.FAIL, untrusted);
      assertTrue(
          untrusted.observed().contains("reports encryption it was not asked for"),
          untrusted.observed());
      assertStatus(Status.OK, bare.get("canary-multipart"));
      assertStatus(Status.OK, bare.get("cors-expose-etag-part"));
      assertStatus(Status.FAIL, bare.get("default-encryption"));
      assertStatus(Status.OK, withDefault.get("default-encryption"));
      assertStatus(Status.OK, withDefault.get("encryption-reports"));
      assertStatus(Status.WARN, withDefault.get("public-access-block"));
      assertTrue(withDefault.get("public-access-block").observed().contains("(501)"));
      // S3Proxy 4.1.0 answers both GetBucketLifecycleConfiguration and the put with 501
      SetupStep lifecycleStep = steps.get(4);
      assertEquals("lifecycle", lifecycleStep.document());
      assertEquals(
          SetupStep.Outcome.NOT_SUPPORTED, lifecycleStep.outcome(), lifecycleStep.message());
      assertTrue(
          lifecycleStep
              .message()
              .startsWith(
                  "The store does not implement bucket lifecycle rules (501), so the rule that"
                      + " aborts unfinished multipart uploads could not be applied."),
          lifecycleStep.message());
      Finding lifecycle = withDefault.get("lifecycle-abort-incomplete");
      assertStatus(Status.WARN, lifecycle);
      assertEquals(
          "The store does not implement bucket lifecycle rules (501).", lifecycle.observed());
    }
  }

  /** The shipped multipart settings: these tests set no multipart key. */
  private static MultipartSettings shippedMultipart(SigningSettings settings) {
    return MultipartSettings.read(TestSettings.reader(), settings);
  }

  private static List<Finding> examine(SigningSettings settings, Origins origins, String secret) {
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(DevStore.ACCESS_KEY, secret));
    try (S3Client client = StorageClients.newClient(settings.store(), credentials)) {
      TicketIssuer issuer = TicketIssuer.forSettings(settings, credentials, Clock.systemUTC());
      return new BucketDoctor(settings, shippedMultipart(settings), origins, client, issuer)
          .examine();
    }
  }
}
