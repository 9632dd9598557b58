package org.s3directupload.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Successful HTTP Basic checks, remembered for {@code upload.sign-in.basic-memory}, so that a
 * script's next requests cost no password hash and no directory bind. Keyed by an HMAC of name and
 * password under a key made at start: neither is kept, and the key never leaves the instance. A
 * changed password, or roles taken away, take effect when the memory runs out.
 */
final class RememberedSignIns {

  static final int MOST = 10_000;

  private record Remembered(Person person, Instant until) {}

  private final SignInSettings settings;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  RememberedSignIns(SignInSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.key = new SecretKeySpec(random, "HmacSHA256");
  }

  /** The person these credentials were found to be, while remembered. */
  Optional<Person> recall(String name, char[] password) {
    if (settings.basicMemory().isZero()) {
      return Optional.empty();
    }
    Remembered found = remembered.get(fingerprint(name, password));
    if (found == null || !found.until().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(found.person());
  }

  void remember(String name, char[] password, Person person) {
    if (settings.basicMemory().isZero()) {
      return;
    }
    Instant now = clock.instant();
    if (remembered.size() >= MOST) {
      remembered.values().removeIf(r -> !r.until().isAfter(now));
      if (remembered.size() >= MOST) {
        remembered.clear();
      }
    }
    remembered.put(
        fingerprint(name, password), new Remembered(person, now.plus(settings.basicMemory())));
  }

  private String fingerprint(String name, char[] password) {
    ByteBuffer secret = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[secret.remaining()];
    secret.get(bytes);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(name.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder().encodeToString(mac.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has HmacSHA256", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
