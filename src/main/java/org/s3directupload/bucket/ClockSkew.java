package org.s3directupload.bucket;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Whether this server's clock and the store's agree, judged from the store's {@code Date}. */
final class ClockSkew {

  static final String CHECK = "clock-skew";

  /** Worth a warning: tickets live noticeably shorter or longer than configured. */
  static final Duration NOTICEABLE = Duration.ofSeconds(30);

  /** S3 refuses signatures from 15 minutes off. */
  static final Duration REFUSED = Duration.ofMinutes(15);

  private static final String WHY =
      "Signatures carry this server's time: the store refuses them when the clocks differ by 15"
          + " minutes or more, and any difference shortens or lengthens every ticket.";
  private static final String FIX = "Synchronise this server's clock (NTP).";

  private ClockSkew() {}

  /**
   * @param storeDate the {@code Date} header of the store's answer
   * @param now this server's time
   */
  static Finding check(Optional<String> storeDate, Instant now) {
    if (storeDate.isEmpty()) {
      return Finding.warn(CHECK, "The store sent no Date header.", WHY, "Keep both clocks on NTP.");
    }
    Instant storeTime;
    try {
      storeTime =
          ZonedDateTime.parse(storeDate.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return Finding.warn(
          CHECK,
          "The store's Date header '" + storeDate.get() + "' is not an HTTP date.",
          WHY,
          "Keep both clocks on NTP.");
    }
    Duration skew = Duration.between(storeTime, now).abs();
    String observed =
        "This server's clock and the store's differ by about " + skew.toSeconds() + " s.";
    if (skew.compareTo(REFUSED) >= 0) {
      return Finding.fail(CHECK, observed, WHY, FIX);
    }
    if (skew.compareTo(NOTICEABLE) >= 0) {
      return Finding.warn(CHECK, observed, WHY, FIX);
    }
    return Finding.ok(CHECK, observed, WHY);
  }
}
