package org.s3directupload.bucket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready} on servers with MicroProfile Health): the bucket is reachable,
 * the clocks agree and its CORS rule lets the browsers' preflights through. Writes nothing and
 * costs one HEAD and a few OPTIONS requests. The data names only the checks and their status: the
 * details are for the doctor, which an administrator runs.
 */
@Readiness
@ApplicationScoped
public class BucketReadiness implements HealthCheck {

  @Inject BucketDoctor doctor;

  @Override
  public HealthCheckResponse call() {
    List<Finding> findings = doctor.readiness();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("bucket").status(BucketDoctor.healthy(findings));
    findings.forEach(finding -> response.withData(finding.check(), finding.status().code()));
    return response.build();
  }
}
