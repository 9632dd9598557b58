package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.s3directupload.testing.MovableClock;

class SignInThrottleTest {

  private static final Instant START = Instant.parse("2026-12-01T12:05:00Z");

  private final MovableClock clock = new MovableClock(START);

  private final SignInThrottle cut =
      new SignInThrottle(new SignInSettings(3, 5, Duration.ofMinutes(15), Duration.ZERO), clock);

  @Test
  void aNameIsRefusedAfterItsFailuresUntilTheWindowEnds() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), cut.refusal("alice", "10.0.0.1"));
      cut.failed("ALICE", "10.0.0." + i); // any case, any address
    }

    assertEquals(Optional.of(Duration.ofMinutes(10)), cut.refusal("alice", "10.0.0.9"));
    assertEquals(Optional.empty(), cut.refusal("bob", "10.0.0.9"), "another name may go on");
    clock.set(Instant.parse("2026-12-01T12:15:00Z"));
    assertEquals(Optional.empty(), cut.refusal("alice", "10.0.0.9"), "a new window");
  }

  @Test
  void anAddressIsRefusedAfterItsFailuresWhateverTheName() {
    for (int i = 0; i < 5; i++) {
      cut.failed("name" + i, "10.0.0.1");
    }

    assertTrue(cut.refusal("someone-else", "10.0.0.1").isPresent());
    assertEquals(Optional.empty(), cut.refusal("someone-else", "10.0.0.2"));
  }

  @Test
  void aRightPasswordStartsTheNameAfresh() {
    cut.failed("alice", "10.0.0.1");
    cut.failed("alice", "10.0.0.1");
    cut.succeeded("alice");
    cut.failed("alice", "10.0.0.1");
    cut.failed("alice", "10.0.0.1");

    assertEquals(Optional.empty(), cut.refusal("alice", "10.0.0.1"));
  }
}
