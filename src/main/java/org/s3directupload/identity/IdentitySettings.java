package org.s3directupload.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;

/**
 * Where people's names, passwords and roles come from.
 *
 * @param store which identity store checks passwords
 * @param users the built-in store's people; empty unless {@code store} is {@code users}
 * @param ldap the directory; present exactly when {@code store} is {@code ldap}
 * @param sessionRoleCheck how often a signed-in session's roles are asked again of the store
 * @param signIn how many failed sign-ins are answered, and how long a Basic check is remembered
 */
public record IdentitySettings(
    Store store,
    BuiltInUsers users,
    Optional<LdapSettings> ldap,
    Duration sessionRoleCheck,
    SignInSettings signIn) {

  /**
   * The identity keys, {@code upload.identity-store}, {@code upload.users}, {@code
   * upload.session-role-check}; the directory's own are {@link LdapSettings.Key}, the sign-in
   * limits' {@link SignInSettings.Key}.
   */
  public enum Key implements Setting {
    IDENTITY_STORE,
    USERS,
    SESSION_ROLE_CHECK;

    @Override
    public String prefix() {
      return "upload.";
    }
  }

  /** The identity stores there are. */
  public enum Store {
    /** {@code upload.users}: for the run command and small installations. */
    USERS,
    /** LDAP or Active Directory, {@code upload.ldap.*}. */
    LDAP;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static IdentitySettings read(SettingReader reader) {
    Store store = reader.oneOf(Key.IDENTITY_STORE, Store.class, Store::code, true);
    Duration roleCheck =
        reader.duration(Key.SESSION_ROLE_CHECK, Duration.ofSeconds(1), Duration.ofDays(1), "PT5M");
    SignInSettings signIn = SignInSettings.read(reader);
    if (store == Store.LDAP) {
      return new IdentitySettings(
          store, BuiltInUsers.none(), Optional.of(LdapSettings.read(reader)), roleCheck, signIn);
    }
    BuiltInUsers users =
        reader.exact(Key.USERS).map(BuiltInUsers::parse).orElse(BuiltInUsers.none());
    if (users.isEmpty()) {
      throw new InvalidSettingException(
          Key.USERS,
          "lists no one, so no one could sign in. Add people as name:password:role[+role],"
              + " e.g. alice:PBKDF2WithHmacSHA256:...:uploader, or set "
              + Key.IDENTITY_STORE.key()
              + "=ldap.");
    }
    return new IdentitySettings(store, users, Optional.empty(), roleCheck, signIn);
  }
}
