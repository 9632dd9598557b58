package org.s3directupload.bucket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.s3directupload.bucket.BucketDefaults.DefaultEncryption;
import org.s3directupload.bucket.BucketDefaults.PublicAccessBlock;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.storage.StoreTimeouts;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;

/**
 * Checks the live bucket from the outside, the way a browser and S3 will see it, and says in plain
 * words what to change: first that the bucket is reachable, then the clock, the signature version,
 * the CORS preflights, a canary upload through a real ticket, a canary upload in parts (started,
 * sent and completed as a person's), an unencrypted PUT against the bucket policy, default
 * encryption, the public-access block and the lifecycle rule that aborts unfinished multipart
 * uploads. Canaries are written under {@code {prefix}.doctor/} and always deleted.
 */
@ApplicationScoped
public class BucketDoctor {

  private static final List<DoctorCheck> CHECKS =
      List.of(
          new CorsPreflights(),
          new CanaryUpload(),
          new CanaryMultipart(),
          new EncryptionEnforced(),
          new DefaultEncryption(),
          new PublicAccessBlock(),
          new AbortIncompleteUploads());

  private SigningSettings settings;
  private MultipartSettings multipart;
  private Origins origins;
  private S3Client s3;
  private TicketIssuer issuer;
  private Clock clock;

  /** For the container's proxy. */
  protected BucketDoctor() {}

  @Inject
  public BucketDoctor(
      SigningSettings settings,
      MultipartSettings multipart,
      Origins origins,
      S3Client s3,
      TicketIssuer issuer) {
    this(settings, multipart, origins, s3, issuer, Clock.systemUTC());
  }

  /**
   * @param clock this server's time, as the clock check compares it with the store's
   */
  public BucketDoctor(
      SigningSettings settings,
      MultipartSettings multipart,
      Origins origins,
      S3Client s3,
      TicketIssuer issuer,
      Clock clock) {
    this.settings = settings;
    this.multipart = multipart;
    this.origins = origins;
    this.s3 = s3;
    this.issuer = issuer;
    this.clock = clock;
  }

  /** Runs every check; when the bucket cannot be reached at all, says only that. */
  public List<Finding> examine() {
    return run(CHECKS);
  }

  /**
   * The side-effect-free part, cheap enough for a readiness probe: the bucket is reachable, the
   * clocks agree and the CORS preflights come out right. Nothing is written.
   */
  public List<Finding> readiness() {
    return run(List.of(new CorsPreflights()));
  }

  /** Whether every finding is ok or a warning. */
  public static boolean healthy(List<Finding> findings) {
    return findings.stream().noneMatch(f -> f.status() == Finding.Status.FAIL);
  }

  private List<Finding> run(List<DoctorCheck> checks) {
    Canaries canaries = new Canaries(s3, settings.store().bucket(), settings.keyPrefix());
    List<Finding> findings = new ArrayList<>();
    try (canaries) {
      Examination exam =
          new Examination(
              settings,
              multipart,
              origins,
              BucketDocuments.forSettings(settings, multipart, origins),
              s3,
              issuer,
              newHttpClient(settings.store().timeouts()),
              clock,
              canaries);
      BucketReachable.Outcome reachable = BucketReachable.check(exam);
      findings.add(reachable.finding());
      Optional<HeadBucketResponse> head = reachable.head();
      if (head.isEmpty()) {
        return findings;
      }
      findings.add(
          ClockSkew.check(
              head.get().sdkHttpResponse().firstMatchingHeader("Date"), clock.instant()));
      findings.add(SignatureVersionCheck.check(settings));
      for (DoctorCheck check : checks) {
        findings.addAll(guarded(check, exam));
      }
    }
    findings.addAll(canaries.problems());
    return findings;
  }

  /** A check that breaks unexpectedly becomes a failed finding, never an error page. */
  private List<Finding> guarded(DoctorCheck check, Examination exam) {
    String why = "A check that cannot run says nothing about the bucket.";
    try {
      return check.examine(exam);
    } catch (IOException e) {
      return List.of(
          StoreTimeouts.ranOutOfTime(e)
              ? timedOut(check, exam, e, why)
              : Finding.fail(
                  check.name(),
                  "The check's request could not be sent: " + e.getMessage(),
                  why,
                  "Check that this server can reach " + exam.store().describeEndpoint() + "."));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of(Finding.fail(check.name(), "The check was interrupted.", why, ""));
    } catch (RuntimeException e) {
      return List.of(
          StoreTimeouts.ranOutOfTime(e)
              ? timedOut(check, exam, e, why)
              : Finding.fail(
                  check.name(),
                  "The check could not be completed: "
                      + e.getClass().getSimpleName()
                      + ": "
                      + e.getMessage(),
                  why,
                  "Check the application's permissions on the bucket (see docs/bucket.md) and the"
                      + " server log."));
    }
  }

  /** A check whose request got no answer within {@code upload.store-timeout}. */
  private static Finding timedOut(DoctorCheck check, Examination exam, Exception e, String why) {
    return Finding.fail(
        check.name(),
        "The store "
            + S3Errors.noAnswer(e, exam.store().timeouts())
            + ", so the check could not be completed.",
        why,
        S3Errors.SLOW_STORE_FIX);
  }

  /**
   * A client per run, dropped afterwards: its selector thread ends once the client is collected, so
   * nothing of a run holds on to the application after an undeploy. It waits for a connection as
   * long as the SDK's client does; each request says how long it waits for its answer ({@link
   * Examination#timeout}).
   */
  private static HttpClient newHttpClient(StoreTimeouts timeouts) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeouts.connect())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
