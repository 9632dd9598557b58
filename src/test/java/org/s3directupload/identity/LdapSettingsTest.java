package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.SettingReader;
import org.s3directupload.config.TestSettings;

class LdapSettingsTest {

  /**
   * The defaults that META-INF/microprofile-config.properties ships, plus the two required keys.
   */
  private static Map<String, String> minimal() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(LdapSettings.Key.URL.key(), "ldap://ldap.example.org");
    values.put(LdapSettings.Key.USER_BASE.key(), "ou=people,dc=example,dc=org");
    values.put(LdapSettings.Key.USER_FILTER.key(), "(uid={0})");
    values.put(LdapSettings.Key.NAME_ATTRIBUTE.key(), "uid");
    values.put(LdapSettings.Key.GROUP_FILTER.key(), "(|(member={0})(uniqueMember={0}))");
    values.put(LdapSettings.Key.UPLOADER_GROUPS.key(), "uploaders");
    values.put(LdapSettings.Key.ADMIN_GROUPS.key(), "upload-admins");
    return values;
  }

  /** Reads {@link #minimal()} with {@code kv} on top; a null value removes the key. */
  private static LdapSettings with(String... kv) {
    return LdapSettings.read(SettingReader.of(TestSettings.overlay(minimal(), kv)));
  }

  @Test
  void minimalSettingsSearchAnonymouslyAndUseMemberOfOnly() {
    LdapSettings cut = with();

    assertEquals(URI.create("ldap://ldap.example.org"), cut.url());
    assertEquals(Optional.empty(), cut.bindDn());
    assertEquals(Optional.empty(), cut.bindPassword());
    assertEquals("ou=people,dc=example,dc=org", cut.userBase());
    assertEquals("(uid={0})", cut.userFilter());
    assertEquals("uid", cut.nameAttribute());
    assertEquals(Optional.empty(), cut.groupBase());
    assertEquals("(|(member={0})(uniqueMember={0}))", cut.groupFilter());
    assertEquals(Set.of("uploaders"), cut.uploaderGroups());
    assertEquals(Set.of("upload-admins"), cut.adminGroups());
  }

  @Test
  void activeDirectoryStyleSettings() {
    LdapSettings cut =
        with(
            LdapSettings.Key.URL.key(), " ldaps://dc1.corp.example.com:636/ ",
            LdapSettings.Key.BIND_DN.key(),
                "CN=Upload Service,OU=Service Accounts,DC=corp,DC=example,DC=com",
            LdapSettings.Key.BIND_PASSWORD.key(), " secret with spaces ",
            LdapSettings.Key.USER_BASE.key(), "DC=corp,DC=example,DC=com",
            LdapSettings.Key.USER_FILTER.key(), "(&(objectClass=user)(sAMAccountName={0}))",
            LdapSettings.Key.NAME_ATTRIBUTE.key(), "sAMAccountName",
            LdapSettings.Key.UPLOADER_GROUPS.key(), "Uploaders, File Senders,,",
            LdapSettings.Key.ADMIN_GROUPS.key(), "Domain Admins");

    assertEquals(URI.create("ldaps://dc1.corp.example.com:636"), cut.url());
    assertEquals(
        Optional.of("CN=Upload Service,OU=Service Accounts,DC=corp,DC=example,DC=com"),
        cut.bindDn());
    assertEquals(Optional.of(" secret with spaces "), cut.bindPassword());
    assertEquals("sAMAccountName", cut.nameAttribute());
    assertEquals(Set.of("uploaders", "file senders"), cut.uploaderGroups());
    assertEquals(Set.of("domain admins"), cut.adminGroups());
  }

  @Test
  void groupBaseTurnsOnTheGroupSearch() {
    assertEquals(
        Optional.of("ou=groups,dc=example,dc=org"),
        with(LdapSettings.Key.GROUP_BASE.key(), "ou=groups,dc=example,dc=org").groupBase());
  }

  @Test
  void keysAreListedInTheReadmeOrder() {
    assertEquals(
        List.of(
            "upload.ldap.url",
            "upload.ldap.bind-dn",
            "upload.ldap.bind-password",
            "upload.ldap.user-base",
            "upload.ldap.user-filter",
            "upload.ldap.name-attribute",
            "upload.ldap.group-base",
            "upload.ldap.group-filter",
            "upload.ldap.uploader-groups",
            "upload.ldap.admin-groups"),
        Arrays.stream(LdapSettings.Key.values()).map(LdapSettings.Key::key).toList());
  }

  @Test
  void toStringNeverShowsThePassword() {
    LdapSettings cut =
        with(
            LdapSettings.Key.BIND_DN.key(), "cn=svc,dc=example,dc=org",
            LdapSettings.Key.BIND_PASSWORD.key(), "hunter2-secret");

    assertFalse(cut.toString().contains("hunter2-secret"), cut.toString());
    assertTrue(cut.toString().contains("cn=svc,dc=example,dc=org"), cut.toString());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "upload.ldap.url|''",
        "upload.ldap.url|ldap.example.org",
        "upload.ldap.url|http://ldap.example.org",
        "upload.ldap.url|ldap://",
        "upload.ldap.url|ldap://ldap.example.org/dc=example,dc=org",
        "upload.ldap.url|ldap://admin:pw@ldap.example.org",
        "upload.ldap.url|ldap://ldap.example.org?uid",
        "upload.ldap.url|ldap://ldap example.org",
        "upload.ldap.bind-dn|not a dn",
        "upload.ldap.user-base|''",
        "upload.ldap.user-base|people",
        "upload.ldap.user-filter|''",
        "upload.ldap.user-filter|uid={0}",
        "upload.ldap.user-filter|(uid=alice)",
        "upload.ldap.user-filter|(uid={1})",
        "upload.ldap.user-filter|(&(uid={0})(mail={1}))",
        "upload.ldap.user-filter|(uid={0}))(",
        "upload.ldap.name-attribute|''",
        "upload.ldap.name-attribute|user name",
        "upload.ldap.name-attribute|uid;binary=x",
        "upload.ldap.group-base|groups",
        "upload.ldap.group-filter|''",
        "upload.ldap.group-filter|(member=*)",
        "upload.ldap.group-filter|(member={0}",
        "upload.ldap.uploader-groups|''",
        "upload.ldap.uploader-groups|' , ,'",
        "upload.ldap.admin-groups|''",
        "upload.ldap.admin-groups|','",
      })
  void invalidValueStopsStartUpNamingTheKeyButNotTheValue(String key, String value) {
    InvalidSettingException thrown =
        assertThrows(InvalidSettingException.class, () -> with(key, value));

    assertEquals(key, thrown.key());
    assertTrue(thrown.getMessage().startsWith("Invalid configuration: " + key + " "));
    // a value of the directory's settings may hold a password (in a URL) or name internals
    String rule = thrown.getMessage().substring(("Invalid configuration: " + key).length());
    assertFalse(rule.contains("'" + value.strip() + "'"), "repeats the value: " + rule);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "upload.ldap.url",
        "upload.ldap.user-base",
        "upload.ldap.user-filter",
        "upload.ldap.name-attribute",
        "upload.ldap.group-filter",
        "upload.ldap.uploader-groups",
        "upload.ldap.admin-groups"
      })
  void missingRequiredKeyIsNamed(String key) {
    InvalidSettingException thrown =
        assertThrows(InvalidSettingException.class, () -> with(key, null));

    assertEquals(
        "Invalid configuration: " + key + " is required but has no value.", thrown.getMessage());
  }

  @Test
  void bindDnNeedsAPasswordAndTheMessageNamesThePasswordKey() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () -> with(LdapSettings.Key.BIND_DN.key(), "cn=svc,dc=example,dc=org"));

    assertEquals(LdapSettings.Key.BIND_PASSWORD.key(), thrown.key());
  }

  @Test
  void passwordWithoutBindDnIsRefusedWithoutShowingIt() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () -> with(LdapSettings.Key.BIND_PASSWORD.key(), "hunter2-secret"));

    assertEquals(LdapSettings.Key.BIND_PASSWORD.key(), thrown.key());
    assertFalse(thrown.getMessage().contains("hunter2-secret"), thrown.getMessage());
  }

  @Test
  void badUrlIsNotRepeatedBecauseItMayHoldAPassword() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () -> with(LdapSettings.Key.URL.key(), "ldap://admin:hunter2-secret@ldap.example.org"));

    assertFalse(thrown.getMessage().contains("hunter2-secret"), thrown.getMessage());
  }
}
