package org.s3directupload.identity;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 password hashes in the format of Jakarta Security's {@code Pbkdf2PasswordHash}: {@code
 * algorithm:iterations:base64(salt):base64(hash)}, e.g. {@code PBKDF2WithHmacSHA512:210000:...}.
 * Verified here with the JDK alone, so every server checks a hash the same way; a test proves the
 * format against the reference implementation (Soteria) in both directions.
 *
 * <p>{@code main} makes a hash for {@code upload.users}: it reads the password from the console or
 * standard input, never from the command line, where other users could see it.
 */
public final class PasswordHashes {

  static final String ALGORITHM = "PBKDF2WithHmacSHA512";

  /** OWASP's figure for PBKDF2-HMAC-SHA512 (Password Storage Cheat Sheet, 2023). */
  static final int ITERATIONS = 210_000;

  /**
   * The fewest iterations OWASP recommends per algorithm: 600,000 for SHA-256, 210,000 for SHA-512;
   * SHA-224 and SHA-384 (which OWASP does not list) are held to their larger siblings.
   */
  private static final Map<String, Integer> RECOMMENDED =
      Map.of(
          "PBKDF2WithHmacSHA224", 600_000,
          "PBKDF2WithHmacSHA256", 600_000,
          "PBKDF2WithHmacSHA384", 210_000,
          "PBKDF2WithHmacSHA512", 210_000);

  /** How many PBKDF2 hashes this JVM has computed: the work a password check costs, for tests. */
  static final AtomicLong COMPUTED = new AtomicLong();

  private static final Set<String> ALGORITHMS = RECOMMENDED.keySet();
  private static final int SALT_BYTES = 32;
  private static final int KEY_BYTES = 32;
  private static final int MOST_ITERATIONS = 10_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHashes() {}

  /** Whether a secret in {@code upload.users} is a hash rather than a plain password. */
  public static boolean isHash(String secret) {
    int colon = secret.indexOf(':');
    return colon > 0 && ALGORITHMS.contains(secret.substring(0, colon));
  }

  /** A fresh hash with a random salt. */
  public static String generate(char[] password) {
    return generate(password, ALGORITHM, ITERATIONS);
  }

  static String generate(char[] password, String algorithm, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder base64 = Base64.getEncoder();
    return algorithm
        + ":"
        + iterations
        + ":"
        + base64.encodeToString(salt)
        + ":"
        + base64.encodeToString(pbkdf2(password, salt, algorithm, iterations, KEY_BYTES));
  }

  /**
   * @throws IllegalArgumentException when {@code encoded} is not a hash in the expected format
   */
  public static void checkFormat(String encoded) {
    parse(encoded);
  }

  /**
   * Why a well-formed hash is weaker than recommended, e.g. {@code PBKDF2WithHmacSHA256, 210000
   * iterations, at least 600000}; empty when it is not.
   */
  public static Optional<String> weakness(String encoded) {
    Parsed parsed = parse(encoded);
    int recommended = RECOMMENDED.get(parsed.algorithm);
    if (parsed.iterations >= recommended) {
      return Optional.empty();
    }
    return Optional.of(
        parsed.algorithm + ", " + parsed.iterations + " iterations, at least " + recommended);
  }

  /** Whether {@code password} produces {@code encoded}; compared in constant time. */
  public static boolean verify(char[] password, String encoded) {
    Parsed parsed = parse(encoded);
    byte[] actual =
        pbkdf2(password, parsed.salt, parsed.algorithm, parsed.iterations, parsed.hash.length);
    return MessageDigest.isEqual(actual, parsed.hash);
  }

  private record Parsed(String algorithm, int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String encoded) {
    String[] parts = encoded.split(":", -1);
    if (parts.length != 4 || !ALGORITHMS.contains(parts[0])) {
      throw new IllegalArgumentException(
          "is not a hash of the form PBKDF2WithHmacSHA512:iterations:salt:hash");
    }
    int iterations;
    byte[] salt;
    byte[] hash;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      hash = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "is not a hash of the form PBKDF2WithHmacSHA512:iterations:salt:hash (the iterations"
              + " must be a number, the salt and hash Base64)");
    }
    if (iterations < 1 || iterations > MOST_ITERATIONS || salt.length < 8 || hash.length < 16) {
      throw new IllegalArgumentException(
          "is a hash with 1 to "
              + MOST_ITERATIONS
              + " iterations, a salt of 8 bytes or more and a hash of 16 bytes or more");
    }
    return new Parsed(parts[0], iterations, salt, hash);
  }

  private static byte[] pbkdf2(
      char[] password, byte[] salt, String algorithm, int iterations, int keyBytes) {
    COMPUTED.incrementAndGet();
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
    try {
      return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK cannot compute " + algorithm, e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Prints a hash of the password typed (twice) on the console, or of standard input's line. */
  public static void main(String[] args) throws Exception {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (password == null || !Arrays.equals(password, again)) {
        System.err.println("The two passwords differ; nothing was printed.");
        System.exit(1);
      }
    } else {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length == 0) {
      System.err.println("An empty password cannot be hashed; nothing was printed.");
      System.exit(1);
    }
    System.out.println(generate(password));
  }
}
