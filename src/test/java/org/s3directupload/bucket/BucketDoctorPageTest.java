package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BucketDoctorPageTest {

  private static BucketDoctorPage pageWith(Finding... findings) {
    BucketDoctorPage cut = new BucketDoctorPage();
    cut.doctor =
        new BucketDoctor() {
          @Override
          public List<Finding> examine() {
            return List.of(findings);
          }
        };
    cut.run();
    return cut;
  }

  @Test
  void failuresComeFirstThenWarningsThenTheRestInCheckOrder() {
    BucketDoctorPage cut =
        pageWith(
            Finding.ok("a", "", ""),
            Finding.warn("b", "", "", ""),
            Finding.fail("c", "", "", ""),
            Finding.ok("d", "", ""),
            Finding.fail("e", "", "", ""));

    assertEquals(
        List.of("c", "e", "b", "a", "d"), cut.getFindings().stream().map(Finding::check).toList());
  }

  @Test
  void summarySaysWhetherAnythingFailedAndCountsEachStatus() {
    assertEquals(
        "Something to change. 3 checks: 1 failed, 1 warning, 1 ok.",
        pageWith(
                Finding.ok("a", "", ""),
                Finding.warn("b", "", "", ""),
                Finding.fail("c", "", "", ""))
            .getSummary());
    assertEquals(
        "Nothing failed. 2 checks: 0 failed, 0 warnings, 2 ok.",
        pageWith(Finding.ok("a", "", ""), Finding.ok("b", "", "")).getSummary());
  }
}
