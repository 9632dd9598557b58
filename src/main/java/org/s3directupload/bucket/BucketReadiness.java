package org.s3directupload.bucket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.signing.TicketIssuer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Readiness ({@code /health/ready} on servers with MicroProfile Health): the bucket is reachable
 * and its CORS rule lets the browsers' preflights through. Writes nothing and costs one HEAD and a
 * few OPTIONS requests. The data names only the checks and their status: the details are for the
 * doctor, which an administrator runs.
 */
@Readiness
@ApplicationScoped
public class BucketReadiness implements HealthCheck {

  @Inject UploadSettings settings;
  @Inject S3Client s3;
  @Inject TicketIssuer issuer;

  @Override
  public HealthCheckResponse call() {
    List<Finding> findings = Doctors.readiness(settings, s3, issuer);
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("bucket").status(BucketDoctor.healthy(findings));
    findings.forEach(finding -> response.withData(finding.check(), finding.status().code()));
    return response.build();
  }
}
