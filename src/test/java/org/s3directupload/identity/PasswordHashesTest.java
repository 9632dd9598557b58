package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.junit.jupiter.api.Test;

/**
 * Our hashes and Jakarta Security's are one format: checked both ways against Soteria, the
 * reference implementation of {@code Pbkdf2PasswordHash} (the one GlassFish and Payara ship).
 */
class PasswordHashesTest {

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  @Test
  void ourHashVerifiesWithJakartaSecurity() {
    String ours = PasswordHashes.generate(PASSWORD);

    Pbkdf2PasswordHashImpl soteria = new Pbkdf2PasswordHashImpl();
    soteria.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512"));
    assertTrue(soteria.verify(PASSWORD, ours));
    assertFalse(soteria.verify("wrong".toCharArray(), ours));
    // OWASP's work factor for PBKDF2-HMAC-SHA512
    assertTrue(ours.startsWith("PBKDF2WithHmacSHA512:210000:"), ours);
  }

  @Test
  void jakartaSecurityHashesVerifyHere() {
    Pbkdf2PasswordHashImpl soteria = new Pbkdf2PasswordHashImpl();
    soteria.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "3072"));
    String theirs = soteria.generate(PASSWORD);

    assertTrue(PasswordHashes.isHash(theirs));
    assertTrue(PasswordHashes.verify(PASSWORD, theirs));
    assertFalse(PasswordHashes.verify("Correct horse battery staple".toCharArray(), theirs));
  }

  @Test
  void plainPasswordsAreNotHashes() {
    assertFalse(PasswordHashes.isHash("demo"));
    assertFalse(PasswordHashes.isHash("PBKDF2:with:colons"));
  }

  @Test
  void brokenHashesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PasswordHashes.checkFormat("PBKDF2WithHmacSHA256:many:AAAA:BBBB"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PasswordHashes.checkFormat("PBKDF2WithHmacSHA256:1000:!!:BBBB"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PasswordHashes.checkFormat("PBKDF2WithHmacSHA256:1000:AAAAAAAAAAAA"));
  }

  @Test
  void hashesWeakerThanOwaspRecommendsAreNamed() {
    String sha256 = PasswordHashes.generate(PASSWORD, "PBKDF2WithHmacSHA256", 210_000);
    String oneIteration = PasswordHashes.generate(PASSWORD, "PBKDF2WithHmacSHA512", 1);

    assertEquals(
        Optional.of("PBKDF2WithHmacSHA256, 210000 iterations, at least 600000"),
        PasswordHashes.weakness(sha256));
    assertEquals(
        Optional.of("PBKDF2WithHmacSHA512, 1 iterations, at least 210000"),
        PasswordHashes.weakness(oneIteration));
    assertEquals(Optional.empty(), PasswordHashes.weakness(PasswordHashes.generate(PASSWORD)));
  }
}
