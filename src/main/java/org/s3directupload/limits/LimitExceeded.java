package org.s3directupload.limits;

import java.time.Duration;
import org.s3directupload.words.Durations;

/** A person has used up a limit; answered with 429 and {@code Retry-After}. */
public class LimitExceeded extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public LimitExceeded(String message, Duration retryAfter) {
    super(message, null, false, false);
    this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  /** When to ask again, for people: "in 42 seconds", "in 5 minutes", "in about 3 hours". */
  public String retryAfterWords() {
    return Durations.fromNow(retryAfterSeconds);
  }

  /** Whole seconds until the window ends, at least 1. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
