package org.s3directupload.bucket;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.signing.TicketIssuer;
import software.amazon.awssdk.services.s3.S3Client;

/** The doctor's page: runs the checks when asked and shows the findings. */
@Named
@RequestScoped
public class BucketDoctorPage {

  @Inject UploadSettings settings;
  @Inject S3Client s3;
  @Inject TicketIssuer issuer;

  private List<Finding> findings = List.of();
  private boolean ran;

  /** Runs every check (it uploads and deletes canaries, so only on request, never on GET). */
  public void run() {
    findings = Doctors.examine(settings, s3, issuer);
    ran = true;
  }

  public List<Finding> getFindings() {
    return findings;
  }

  public boolean isRan() {
    return ran;
  }

  public boolean isHealthy() {
    return BucketDoctor.healthy(findings);
  }

  public String getBucket() {
    return settings.bucket();
  }
}
