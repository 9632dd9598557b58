package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's answers come from the store at most once per few seconds. */
class BucketReadinessTest {

  private int asked;
  private Finding.Status status = Finding.Status.OK;

  private BucketReadiness readinessAt(Instant now) {
    BucketReadiness cut = new BucketReadiness();
    cut.doctor =
        new BucketDoctor() {
          @Override
          public List<Finding> readiness() {
            asked++;
            return List.of(new Finding("bucket-reachable", status, "", "", ""));
          }
        };
    cut.clock = Clock.fixed(now, ZoneOffset.UTC);
    return cut;
  }

  @Test
  void theLastAnswerIsGivenAgainForAFewSecondsThenTheStoreIsAskedAgain() {
    Instant start = Instant.parse("2026-12-01T12:00:00Z");
    BucketReadiness cut = readinessAt(start);

    boolean first = BucketDoctor.healthy(cut.findings());
    status = Finding.Status.FAIL;
    cut.clock = Clock.fixed(start.plus(BucketReadiness.FRESH).minusMillis(1), ZoneOffset.UTC);
    boolean cached = BucketDoctor.healthy(cut.findings());
    cut.clock = Clock.fixed(start.plus(BucketReadiness.FRESH), ZoneOffset.UTC);
    boolean fresh = BucketDoctor.healthy(cut.findings());

    assertTrue(first);
    assertTrue(cached, "given again within five seconds");
    assertFalse(fresh, "asked again after five seconds");
    assertEquals(2, asked);
    assertEquals(Duration.ofSeconds(5), BucketReadiness.FRESH);
  }
}
