package org.s3directupload.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void wholeSpansInTheLargestUnitThatFits() {
    assertEquals("90 seconds", Durations.describe(Duration.ofSeconds(90)));
    assertEquals("1 minute", Durations.describe(Duration.ofMinutes(1)));
    assertEquals("2 hours", Durations.describe(Duration.ofHours(2)));
    assertEquals("1 day", Durations.describe(Duration.ofDays(1)));
    assertEquals("36 hours", Durations.describe(Duration.ofHours(36)));
  }

  @Test
  void fromNowRoundsUpToWholeMinutesAndHours() {
    assertEquals("in 1 second", Durations.fromNow(1));
    assertEquals("in 119 seconds", Durations.fromNow(119));
    assertEquals("in 3 minutes", Durations.fromNow(121));
    assertEquals("in about 3 hours", Durations.fromNow(3 * 3600 + 100));
  }
}
