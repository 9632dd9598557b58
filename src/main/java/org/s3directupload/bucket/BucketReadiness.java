package org.s3directupload.bucket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready} on servers with MicroProfile Health): the bucket is reachable,
 * the clocks agree and its CORS rule lets the browsers' preflights through. Writes nothing and
 * costs one HEAD and a few OPTIONS requests, at most once per {@link #FRESH} however often the
 * probe asks. The data names only the checks and their status: the details are for the doctor,
 * which an administrator runs.
 */
@Readiness
@ApplicationScoped
public class BucketReadiness implements HealthCheck {

  /** How long an answer is given again instead of asking the store again. */
  static final Duration FRESH = Duration.ofSeconds(5);

  private record Answer(List<Finding> findings, Instant at) {}

  @Inject BucketDoctor doctor;

  Clock clock = Clock.systemUTC();

  private final AtomicReference<Answer> last = new AtomicReference<>();

  @Override
  public HealthCheckResponse call() {
    List<Finding> findings = findings();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("bucket").status(BucketDoctor.healthy(findings));
    findings.forEach(finding -> response.withData(finding.check(), finding.status().code()));
    return response.build();
  }

  /** The doctor's readiness findings, asked of the store at most once per {@link #FRESH}. */
  List<Finding> findings() {
    Instant now = clock.instant();
    Answer answer = last.get();
    if (answer == null || !answer.at().plus(FRESH).isAfter(now)) {
      answer = new Answer(doctor.readiness(), now);
      last.set(answer);
    }
    return answer.findings();
  }
}
