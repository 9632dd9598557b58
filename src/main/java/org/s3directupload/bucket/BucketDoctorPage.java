package org.s3directupload.bucket;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.s3directupload.storage.StoreSettings;

/** The doctor's page: runs the checks when asked and shows the findings, worst first. */
@Named
@RequestScoped
public class BucketDoctorPage {

  @Inject StoreSettings store;
  @Inject BucketDoctor doctor;

  private List<Finding> findings = List.of();
  private boolean ran;

  /** Runs every check (it uploads and deletes canaries, so only on request, never on GET). */
  public void run() {
    findings = doctor.examine();
    ran = true;
  }

  /** The findings, failures first, then warnings, then the rest, each group in check order. */
  public List<Finding> getFindings() {
    return findings.stream().sorted((a, b) -> b.status().compareTo(a.status())).toList();
  }

  public boolean isRan() {
    return ran;
  }

  public boolean isHealthy() {
    return BucketDoctor.healthy(findings);
  }

  /** One line for the top of the page: how many checks came out how. */
  public String getSummary() {
    long failed = count(Finding.Status.FAIL);
    long warned = count(Finding.Status.WARN);
    long ok = count(Finding.Status.OK);
    String counts =
        findings.size()
            + " checks: "
            + failed
            + " failed, "
            + warned
            + (warned == 1 ? " warning, " : " warnings, ")
            + ok
            + " ok.";
    return (failed == 0 ? "Nothing failed. " : "Something to change. ") + counts;
  }

  private long count(Finding.Status status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }

  public String getBucket() {
    return store.bucket();
  }
}
