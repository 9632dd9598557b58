package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3directupload.config.InvalidSettingException;

class BuiltInUsersTest {

  @Test
  void plainAndHashedPasswordsWithRoles() {
    String hash = PasswordHashes.generate("s3cret:with,comma".toCharArray());
    BuiltInUsers users =
        BuiltInUsers.parse("demo:demo:uploader+upload-admin, alice:" + hash + ":uploader");

    assertEquals(
        Optional.of(new Person("demo", Set.of(Roles.UPLOADER, Roles.ADMIN))),
        users.authenticate("demo", "demo".toCharArray()));
    assertEquals(
        Optional.of(new Person("alice", Set.of(Roles.UPLOADER))),
        users.authenticate("alice", "s3cret:with,comma".toCharArray()));
    assertEquals(List.of("demo"), users.plainTextNames());
  }

  @Test
  void wrongPasswordsUnknownNamesAndEmptyPasswordsFail() {
    BuiltInUsers users = BuiltInUsers.parse("demo:demo:uploader");

    assertTrue(users.authenticate("demo", "Demo".toCharArray()).isEmpty());
    assertTrue(users.authenticate("demo", new char[0]).isEmpty());
    assertTrue(users.authenticate("Demo", "demo".toCharArray()).isEmpty());
    assertTrue(users.authenticate("nobody", "demo".toCharArray()).isEmpty());
  }

  @Test
  void aPlainPasswordMayHoldColonsAndEscapedCommas() {
    BuiltInUsers users = BuiltInUsers.parse("ops:a:b\\,c:upload-admin");

    assertEquals(
        Optional.of(new Person("ops", Set.of(Roles.ADMIN))),
        users.authenticate("ops", "a:b,c".toCharArray()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "demo",
        "demo:demo",
        ":demo:uploader",
        "demo::uploader",
        "demo:demo:admin",
        "demo:demo:uploader+",
        "demo:demo:uploader,Demo:other:uploader",
        "de mo:demo:uploader",
        "demo:PBKDF2WithHmacSHA256:1:xx:uploader"
      })
  void unusableEntriesNameTheKeyButNeverThePassword(String value) {
    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> BuiltInUsers.parse(value));

    assertEquals("upload.users", e.key());
    assertFalse(e.getMessage().contains("other"), e.getMessage());
  }

  @Test
  void aForgottenRoleNeverShowsTheEndOfThePassword() {
    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> BuiltInUsers.parse("alice:s3cr:etPart"));

    assertFalse(e.getMessage().contains("etPart"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
    assertTrue(e.getMessage().contains("entry 'alice' must end in its roles"), e.getMessage());
  }

  /** How many PBKDF2 hashes {@code check} computes. */
  private static long hashesComputedBy(Runnable check) {
    long before = PasswordHashes.COMPUTED.get();
    check.run();
    return PasswordHashes.COMPUTED.get() - before;
  }

  @Test
  void everyNameCostsOneHashAndAnEmptyPasswordNone() {
    String hash =
        PasswordHashes.generate("alice-secret".toCharArray(), "PBKDF2WithHmacSHA512", 1000);
    BuiltInUsers users = BuiltInUsers.parse("alice:" + hash + ":uploader,demo:demo:uploader");

    assertEquals(1, hashesComputedBy(() -> users.authenticate("alice", "wrong".toCharArray())));
    assertEquals(
        1, hashesComputedBy(() -> users.authenticate("alice", "alice-secret".toCharArray())));
    assertEquals(1, hashesComputedBy(() -> users.authenticate("demo", "wrong".toCharArray())));
    assertEquals(1, hashesComputedBy(() -> users.authenticate("demo", "demo".toCharArray())));
    assertEquals(1, hashesComputedBy(() -> users.authenticate("nobody", "x".toCharArray())));
    for (String name : List.of("alice", "demo", "nobody")) {
      assertEquals(0, hashesComputedBy(() -> users.authenticate(name, new char[0])), name);
    }
  }

  @Test
  void weakHashesAreNamedForTheWarningAtStart() {
    String weak = PasswordHashes.generate("x".toCharArray(), "PBKDF2WithHmacSHA256", 1000);
    String strong = PasswordHashes.generate("y".toCharArray());
    BuiltInUsers users =
        BuiltInUsers.parse(
            "old:" + weak + ":uploader,new:" + strong + ":uploader,demo:demo:uploader");

    assertEquals(
        List.of("old (PBKDF2WithHmacSHA256, 1000 iterations, at least 600000)"),
        users.weakHashes());
  }
}
