package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
    soteria.initialize(Map.of());
    assertTrue(soteria.verify(PASSWORD, ours));
    assertFalse(soteria.verify("wrong".toCharArray(), ours));
    assertTrue(ours.startsWith("PBKDF2WithHmacSHA256:210000:"), ours);
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
}
