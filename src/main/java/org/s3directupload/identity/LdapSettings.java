package org.s3directupload.identity;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.ServerAddresses;

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

  public static final String URL = "upload.ldap.url";
  public static final String BIND_DN = "upload.ldap.bind-dn";
  public static final String BIND_PASSWORD = "upload.ldap.bind-password";
  public static final String USER_BASE = "upload.ldap.user-base";
  public static final String USER_FILTER = "upload.ldap.user-filter";
  public static final String NAME_ATTRIBUTE = "upload.ldap.name-attribute";
  public static final String GROUP_BASE = "upload.ldap.group-base";
  public static final String GROUP_FILTER = "upload.ldap.group-filter";
  public static final String UPLOADER_GROUPS = "upload.ldap.uploader-groups";
  public static final String ADMIN_GROUPS = "upload.ldap.admin-groups";

  /** Every LDAP key, in the order the README lists them. */
  public static final List<String> KEYS =
      List.of(
          URL,
          BIND_DN,
          BIND_PASSWORD,
          USER_BASE,
          USER_FILTER,
          NAME_ATTRIBUTE,
          GROUP_BASE,
          GROUP_FILTER,
          UPLOADER_GROUPS,
          ADMIN_GROUPS);

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
   * @param source looks up a key; empty when it has no value
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static LdapSettings read(Function<String, Optional<String>> source) {
    Optional<String> bindDn =
        source.apply(BIND_DN).filter(value -> !value.isBlank()).map(value -> dn(BIND_DN, value));
    // the password is taken as given: spaces may belong to it
    Optional<String> bindPassword = source.apply(BIND_PASSWORD).filter(value -> !value.isEmpty());
    if (bindDn.isPresent() && bindPassword.isEmpty()) {
      throw new InvalidSettingException(
          BIND_PASSWORD, "is required when " + BIND_DN + " is set, but has no value.");
    }
    if (bindDn.isEmpty() && bindPassword.isPresent()) {
      throw new InvalidSettingException(
          BIND_PASSWORD,
          "is set, but "
              + BIND_DN
              + " is not: set both for a service account, or neither for an anonymous search.");
    }
    return new LdapSettings(
        url(required(source, URL)),
        bindDn,
        bindPassword,
        dn(USER_BASE, required(source, USER_BASE)),
        filter(USER_FILTER, required(source, USER_FILTER), "the name typed at sign-in"),
        attribute(required(source, NAME_ATTRIBUTE)),
        source
            .apply(GROUP_BASE)
            .filter(value -> !value.isBlank())
            .map(value -> dn(GROUP_BASE, value)),
        filter(GROUP_FILTER, required(source, GROUP_FILTER), "the person's DN"),
        groups(UPLOADER_GROUPS, required(source, UPLOADER_GROUPS)),
        groups(ADMIN_GROUPS, required(source, ADMIN_GROUPS)));
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

  private static String required(Function<String, Optional<String>> source, String key) {
    return source
        .apply(key)
        .filter(value -> !value.isBlank())
        .orElseThrow(() -> new InvalidSettingException(key, "is required but has no value."));
  }

  private static URI url(String value) {
    return ServerAddresses.read(
        URL,
        value,
        Set.of("ldap", "ldaps"),
        "must be an ldap or ldaps URL with a host, an optional port and nothing else (no user"
            + " name, base DN or query), such as ldaps://ldap.example.com:636.");
  }

  private static String dn(String key, String value) {
    String dn = value.trim();
    LdapName name;
    try {
      name = new LdapName(dn);
    } catch (InvalidNameException e) {
      throw new InvalidSettingException(
          key,
          "must be a distinguished name such as ou=people,dc=example,dc=org, not '" + value + "'.");
    }
    if (name.isEmpty()) {
      throw new InvalidSettingException(
          key, "must be a distinguished name such as ou=people,dc=example,dc=org, not empty.");
    }
    return dn;
  }

  private static String filter(String key, String value, String meaning) {
    String filter = value.trim();
    if (!filter.startsWith("(") || !filter.endsWith(")") || !balanced(filter)) {
      throw new InvalidSettingException(
          key,
          "must be an LDAP filter with balanced parentheses, such as (uid={0}), not '"
              + value
              + "'.");
    }
    Matcher placeholder = PLACEHOLDER.matcher(filter);
    boolean hasArgument = false;
    while (placeholder.find()) {
      if (!placeholder.group(1).equals("0")) {
        throw new InvalidSettingException(
            key,
            "may only use the placeholder {0} ("
                + meaning
                + "), not {"
                + placeholder.group(1)
                + "}.");
      }
      hasArgument = true;
    }
    if (!hasArgument) {
      throw new InvalidSettingException(
          key, "must contain {0}, which stands for " + meaning + ", but is '" + value + "'.");
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
          NAME_ATTRIBUTE,
          "must be an attribute name such as uid or sAMAccountName, not '" + value + "'.");
    }
    return attribute;
  }

  private static Set<String> groups(String key, String value) {
    Set<String> groups = new LinkedHashSet<>();
    for (String item : value.split(",")) {
      String group = item.trim();
      if (!group.isEmpty()) {
        groups.add(group.toLowerCase(Locale.ROOT));
      }
    }
    if (groups.isEmpty()) {
      throw new InvalidSettingException(
          key, "must list at least one group name (the group's cn), comma-separated.");
    }
    return groups;
  }
}
