package org.s3directupload.words;

import java.time.Duration;

/** Spans of time the way people say them. */
public final class Durations {

  private Durations() {}

  /** A whole span: "1 minute", "1 day", "90 seconds". */
  public static String describe(Duration span) {
    long seconds = span.getSeconds();
    if (seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  /** When something will be: "in 42 seconds", "in 5 minutes", "in about 3 hours". */
  public static String fromNow(long seconds) {
    if (seconds < 120) {
      return "in " + plural(seconds, "second");
    }
    if (seconds < 2 * 3600) {
      return "in " + (seconds + 59) / 60 + " minutes";
    }
    return "in about " + Math.round(seconds / 3600.0) + " hours";
  }

  private static String plural(long count, String unit) {
    return count == 1 ? "1 " + unit : count + " " + unit + "s";
  }
}
