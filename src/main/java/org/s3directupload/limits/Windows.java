package org.s3directupload.limits;

import java.time.Duration;
import java.time.Instant;

/** Fixed windows aligned to the epoch: a {@code P1D} window is a UTC day, {@code PT1M} a minute. */
final class Windows {

  private Windows() {}

  /** The start of the window that contains {@code now}, in epoch seconds. */
  static long startOf(Instant now, Duration window) {
    long seconds = window.getSeconds();
    return Math.floorDiv(now.getEpochSecond(), seconds) * seconds;
  }

  /** How long until the window that contains {@code now} ends. */
  static Duration remaining(Instant now, Duration window) {
    Instant end = Instant.ofEpochSecond(startOf(now, window) + window.getSeconds());
    return Duration.between(now, end);
  }
}
