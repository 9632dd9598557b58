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
}
