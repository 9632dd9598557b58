package org.s3directupload.identity;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;

/**
 * Every {@code upload.ldap.*} setting, converted once. As with the other settings, defaults live in
 * {@code META-INF/microprofile-config.properties}; here a key that has a default there is required.
 *
 * @param url the directory: {@code ldap://} or {@code ldaps://}, host and optional port only
 * @param bindDn the service account that searches; empty means an anonymous search
 * @param bindPassword the service account's password; present exactly when {@code bindDn} is
 * @param userBase where people are searched (the whole subtree)
 * @param userFilter finds one person; {@code {0}} is the name typed at sign-in
 * @param nameAttribute the attribute holding the canonical name ({@code uid}, {@code
 *     sAMAccountName})
 * @param groupBase where groups are searched; empty means only the person's {@code memberOf}
 * @param groupFilter finds a person's groups; {@code {0}} is the person's DN
 * @param uploaderGroups group names ({@code cn}, lower case) whose members are uploaders
 * @param adminGroups group names ({@code cn}, lower case) whose members are upload admins
 */
public record LdapSettings(
    URI url,
    Optional<String> bindDn,
    Optional<String> bindPassword,
    String userBase,
    String userFilter,
    String nameAttribute,
    Optional<String> groupBase,
    String groupFilter,
    Set<String> uploaderGroups,
    Set<String> adminGroups) {

  /**
   * The directory's keys, in the order the configuration reference lists them. {@code
   * upload.ldap.url}, {@code upload.ldap.bind-dn}, {@code upload.ldap.bind-password}, {@code
   * upload.ldap.user-base}, {@code upload.ldap.user-filter}, {@code upload.ldap.name-attribute},
   * {@code upload.ldap.group-base}, {@code upload.ldap.group-filter}, {@code
   * upload.ldap.uploader-groups}, {@code upload.ldap.admin-groups}.
   */
  public enum Key implements Setting {
    URL,
    BIND_DN,
    BIND_PASSWORD,
    USER_BASE,
    USER_FILTER,
    NAME_ATTRIBUTE,
    GROUP_BASE,
    GROUP_FILTER,
    UPLOADER_GROUPS,
    ADMIN_GROUPS;

    @Override
    public String prefix() {
      return "upload.ldap.";
    }
  }

  /** An attribute name (RFC 4512 descr) or a numeric OID. */
  private static final Pattern ATTRIBUTE =
      Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}|[0-9]+(\\.[0-9]+)+");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)\\}");

  public LdapSettings {
    uploaderGroups = Set.copyOf(uploaderGroups);
    adminGroups = Set.copyOf(adminGroups);
  }

  /**
   * Reads and checks every LDAP setting.
   *
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static LdapSettings read(SettingReader reader) {
    Optional<String> bindDn = reader.optional(Key.BIND_DN).map(value -> dn(Key.BIND_DN, value));
    // the password is taken as given: spaces may belong to it
    Optional<String> bindPassword = reader.exact(Key.BIND_PASSWORD);
    if (bindDn.isPresent() && bindPassword.isEmpty()) {
      throw new InvalidSettingException(
          Key.BIND_PASSWORD,
          "is required when " + Key.BIND_DN.key() + " is set, but has no value.");
    }
    if (bindDn.isEmpty() && bindPassword.isPresent()) {
      throw new InvalidSettingException(
          Key.BIND_PASSWORD,
          "is set, but "
              + Key.BIND_DN.key()
              + " is not: set both for a service account, or neither for an anonymous search.");
    }
    return new LdapSettings(
        reader
            .serverAddress(
                Key.URL,
                Set.of("ldap", "ldaps"),
                "must be an ldap or ldaps URL with a host, an optional port and nothing else (no"
                    + " user name, base DN or query), such as ldaps://ldap.example.com:636.")
            .orElseThrow(
                () -> new InvalidSettingException(Key.URL, "is required but has no value.")),
        bindDn,
        bindPassword,
        dn(Key.USER_BASE, reader.required(Key.USER_BASE)),
        filter(Key.USER_FILTER, reader.required(Key.USER_FILTER), "the name typed at sign-in"),
        attribute(reader.required(Key.NAME_ATTRIBUTE)),
        reader.optional(Key.GROUP_BASE).map(value -> dn(Key.GROUP_BASE, value)),
        filter(Key.GROUP_FILTER, reader.required(Key.GROUP_FILTER), "the person's DN"),
        groups(Key.UPLOADER_GROUPS, SettingReader.items(reader.required(Key.UPLOADER_GROUPS))),
        groups(Key.ADMIN_GROUPS, SettingReader.items(reader.required(Key.ADMIN_GROUPS))));
  }

  /** Never shows the service account's password. */
  @Override
  public String toString() {
    return "LdapSettings[url="
        + url
        + ", bindDn="
        + bindDn.orElse("(anonymous)")
        + ", bindPassword="
        + bindPassword.map(password -> "(set)").orElse("(none)")
        + ", userBase="
        + userBase
        + ", userFilter="
        + userFilter
        + ", nameAttribute="
        + nameAttribute
        + ", groupBase="
        + groupBase.orElse("(memberOf only)")
        + ", groupFilter="
        + groupFilter
        + ", uploaderGroups="
        + uploaderGroups
        + ", adminGroups="
        + adminGroups
        + "]";
  }

  private static String dn(Key key, String value) {
    String dn = value.trim();
    LdapName name;
    try {
      name = new LdapName(dn);
    } catch (InvalidNameException e) {
      throw new InvalidSettingException(
          key, "must be a distinguished name such as ou=people,dc=example,dc=org.");
    }
    if (name.isEmpty()) {
      throw new InvalidSettingException(
          key, "must be a distinguished name such as ou=people,dc=example,dc=org, not empty.");
    }
    return dn;
  }

  private static String filter(Key key, String value, String meaning) {
    String filter = value.trim();
    if (!filter.startsWith("(") || !filter.endsWith(")") || !balanced(filter)) {
      throw new InvalidSettingException(
          key, "must be an LDAP filter with balanced parentheses, such as (uid={0}).");
    }
    Matcher placeholder = PLACEHOLDER.matcher(filter);
    boolean hasArgument = false;
    while (placeholder.find()) {
      if (!placeholder.group(1).equals("0")) {
        throw new InvalidSettingException(key, "may use no placeholder but {0} (" + meaning + ").");
      }
      hasArgument = true;
    }
    if (!hasArgument) {
      throw new InvalidSettingException(key, "must contain {0}, which stands for " + meaning + ".");
    }
    return filter;
  }

  /** Literal parentheses in a filter are escaped ({@code \\28}), so every one is structure. */
  private static boolean balanced(String filter) {
    int depth = 0;
    for (char c : filter.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  private static String attribute(String value) {
    String attribute = value.trim();
    if (!ATTRIBUTE.matcher(attribute).matches()) {
      throw new InvalidSettingException(
          Key.NAME_ATTRIBUTE, "must be an attribute name such as uid or sAMAccountName.");
    }
    return attribute;
  }

  private static Set<String> groups(Key key, List<String> names) {
    Set<String> groups = new LinkedHashSet<>();
    names.forEach(name -> groups.add(name.toLowerCase(Locale.ROOT)));
    if (groups.isEmpty()) {
      throw new InvalidSettingException(
          key, "must list at least one group name (the group's cn), comma-separated.");
    }
    return groups;
  }
}
