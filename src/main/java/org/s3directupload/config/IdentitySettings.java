package org.s3directupload.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.s3directupload.identity.BuiltInUsers;
import org.s3directupload.identity.LdapSettings;

/**
 * Where people's names, passwords and roles come from.
 *
 * @param store which identity store checks passwords
 * @param users the built-in store's people; empty unless {@code store} is {@code users}
 * @param ldap the directory; present exactly when {@code store} is {@code ldap}
 */
public record IdentitySettings(Store store, BuiltInUsers users, Optional<LdapSettings> ldap) {

  public static final String IDENTITY_STORE = "upload.identity-store";
  public static final String USERS = BuiltInUsers.KEY;

  public static final List<String> KEYS = List.of(IDENTITY_STORE, USERS);

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
  public static IdentitySettings read(Function<String, Optional<String>> source) {
    String value =
        source
            .apply(IDENTITY_STORE)
            .map(String::strip)
            .orElseThrow(
                () -> new InvalidSettingException(IDENTITY_STORE, "is required but has no value."));
    Store store =
        switch (value.toLowerCase(Locale.ROOT)) {
          case "users" -> Store.USERS;
          case "ldap" -> Store.LDAP;
          default ->
              throw new InvalidSettingException(
                  IDENTITY_STORE, "must be users or ldap, not '" + value + "'.");
        };
    if (store == Store.LDAP) {
      return new IdentitySettings(
          store, BuiltInUsers.none(), Optional.of(LdapSettings.read(source)));
    }
    BuiltInUsers users =
        source.apply(USERS).filter(v -> !v.isBlank()).map(BuiltInUsers::parse).orElse(null);
    if (users == null || users.isEmpty()) {
      throw new InvalidSettingException(
          USERS,
          "lists no one, so no one could sign in. Add people as name:password:role[+role],"
              + " e.g. alice:PBKDF2WithHmacSHA256:...:uploader, or set "
              + IDENTITY_STORE
              + "=ldap.");
    }
    return new IdentitySettings(store, users, Optional.empty());
  }
}
