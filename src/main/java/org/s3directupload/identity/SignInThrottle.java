package org.s3directupload.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per name and per client address in fixed windows, and refuses further
 * attempts of a name or address that has used up its count until the window ends: a wrong password
 * costs a PBKDF2 hash or two directory operations, and a directory may lock an account out after a
 * few failures, so guessing must stay cheap for the server and harmless for the person.
 *
 * <p>In this instance's memory: the counts protect this instance's CPU and bound the binds it
 * makes; behind a load balancer with N instances a name gets N times the count, so keep {@code
 * upload.sign-in.failures-per-name} below the directory's own lock-out threshold divided by N. The
 * memory taken is bounded: a window with more names than {@value #MOST_NAMES} forgets the names
 * (the address count still holds).
 */
final class SignInThrottle {

  static final int MOST_NAMES = 100_000;

  private final SignInSettings settings;
  private final Clock clock;
  private final Map<String, Long> failures = new ConcurrentHashMap<>();
  private volatile long window = Long.MIN_VALUE;

  SignInThrottle(SignInSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** How long {@code name} from {@code address} must wait; empty when it may try now. */
  Optional<Duration> refusal(String name, String address) {
    Instant now = clock.instant();
    roll(now);
    if (failures.getOrDefault(nameKey(name), 0L) >= settings.failuresPerName()
        || failures.getOrDefault(addressKey(address), 0L) >= settings.failuresPerAddress()) {
      long seconds = settings.window().getSeconds();
      return Optional.of(
          Duration.between(
              now,
              Instant.ofEpochSecond(
                  Math.floorDiv(now.getEpochSecond(), seconds) * seconds + seconds)));
    }
    return Optional.empty();
  }

  /** Counts a failed sign-in of {@code name} from {@code address}. */
  void failed(String name, String address) {
    roll(clock.instant());
    if (failures.size() > MOST_NAMES) {
      failures.keySet().removeIf(key -> key.startsWith("name "));
    }
    failures.merge(nameKey(name), 1L, Long::sum);
    failures.merge(addressKey(address), 1L, Long::sum);
  }

  /** A right password: the name starts afresh (its address does not). */
  void succeeded(String name) {
    failures.remove(nameKey(name));
  }

  /** Forgets every count when a new window starts. */
  private void roll(Instant now) {
    long seconds = settings.window().getSeconds();
    long current = Math.floorDiv(now.getEpochSecond(), seconds);
    if (current != window) {
      synchronized (this) {
        if (current != window) {
          failures.clear();
          window = current;
        }
      }
    }
  }

  /** Names in any case count as one; long names take no more room than short ones. */
  private static String nameKey(String name) {
    return "name " + digest(name.strip().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "address " + address;
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
