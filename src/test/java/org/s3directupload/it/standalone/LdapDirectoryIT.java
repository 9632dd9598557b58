package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3directupload.config.SettingReader;
import org.s3directupload.config.TestSettings;
import org.s3directupload.identity.DirectoryUnavailableException;
import org.s3directupload.identity.LdapDirectory;
import org.s3directupload.identity.LdapSettings;
import org.s3directupload.identity.Person;
import org.s3directupload.identity.Roles;

/** Sign-in against a real OpenLDAP server ({@link Slapd}), with the service account or without. */
class LdapDirectoryIT {

  private static Slapd slapd;

  @BeforeAll
  static void startDirectory() throws Exception {
    slapd =
        Slapd.start(
            freePort(), Path.of("target", "slapd-" + LdapDirectoryIT.class.getSimpleName()));
  }

  @AfterAll
  static void stopDirectory() throws Exception {
    if (slapd != null) {
      slapd.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The directory with {@link Slapd#settings()} and {@code kv} on top; a null value removes. */
  private static LdapDirectory directory(String... kv) {
    return new LdapDirectory(
        LdapSettings.read(SettingReader.of(TestSettings.overlay(slapd.settings(), kv))));
  }

  private static Optional<Person> signIn(LdapDirectory directory, String name, String password) {
    return directory.authenticate(name, password.toCharArray());
  }

  private static Optional<Person> signIn(String name, String password) {
    return signIn(directory(), name, password);
  }

  @Test
  void aliceIsAnUploader() {
    assertEquals(
        Optional.of(new Person("alice", Set.of(Roles.UPLOADER))),
        signIn(Slapd.ALICE, Slapd.password(Slapd.ALICE)));
  }

  @Test
  void bobIsAnUploaderAndAnAdmin() {
    assertEquals(
        Optional.of(new Person("bob", Set.of(Roles.UPLOADER, Roles.ADMIN))),
        signIn(Slapd.BOB, Slapd.password(Slapd.BOB)));
  }

  @Test
  void carolSignsInWithoutRoles() {
    assertEquals(
        Optional.of(new Person("carol", Set.of())),
        signIn(Slapd.CAROL, Slapd.password(Slapd.CAROL)));
  }

  @Test
  void nameTypedInAnotherCaseGivesTheCanonicalName() {
    assertEquals(
        Optional.of(new Person("alice", Set.of(Roles.UPLOADER))),
        signIn("ALICE", Slapd.password(Slapd.ALICE)));
  }

  @Test
  void canonicalNameComesFromTheNameAttributeNotFromWhatWasTyped() {
    LdapDirectory byMail = directory(LdapSettings.Key.USER_FILTER.key(), "(mail={0})");

    assertEquals(
        Optional.of(new Person("alice", Set.of(Roles.UPLOADER))),
        signIn(byMail, "alice@example.org", Slapd.password(Slapd.ALICE)));
  }

  @Test
  void wrongPasswordIsRefused() {
    assertEquals(Optional.empty(), signIn(Slapd.ALICE, Slapd.password(Slapd.BOB)));
  }

  @Test
  void unknownNameIsRefused() {
    assertEquals(Optional.empty(), signIn("mallory", Slapd.password(Slapd.ALICE)));
  }

  @Test
  void emptyPasswordOrNameIsRefusedWithoutAskingTheDirectory() throws IOException {
    // a directory that is not there: asking it would throw DirectoryUnavailableException
    LdapDirectory nowhere = directory(LdapSettings.Key.URL.key(), "ldap://127.0.0.1:" + freePort());

    assertEquals(Optional.empty(), nowhere.authenticate(Slapd.ALICE, new char[0]));
    assertEquals(Optional.empty(), nowhere.authenticate(" ", "alice-password".toCharArray()));
    assertEquals(Optional.empty(), nowhere.authenticate(null, "alice-password".toCharArray()));
    assertEquals(Optional.empty(), nowhere.authenticate(Slapd.ALICE, null));
  }

  @Test
  void emptyPasswordIsRefusedByTheRealDirectoryToo() {
    assertEquals(Optional.empty(), directory().authenticate(Slapd.ALICE, new char[0]));
  }

  /**
   * With the filter {@code (&(sn=Archer)(uid={0}))} each of these names, pasted into the filter
   * unescaped, would find exactly alice (whose password is given) or break the filter: only
   * escaping makes them plain names that match nobody.
   */
  @ParameterizedTest
  @ValueSource(strings = {"*", "al*", "alice)(uid=*", "*)(|(uid=*", "alice\\", "\\61lice"})
  void filterSyntaxInANameMatchesNobody(String name) {
    LdapDirectory onlyArchers =
        directory(LdapSettings.Key.USER_FILTER.key(), "(&(sn=Archer)(uid={0}))");

    assertEquals(
        "alice",
        signIn(onlyArchers, "alice", Slapd.password(Slapd.ALICE)).map(Person::name).orElse(null),
        "the filter finds alice by her own name");
    assertEquals(Optional.empty(), signIn(onlyArchers, name, Slapd.password(Slapd.ALICE)));
    assertEquals(Optional.empty(), signIn(name, Slapd.password(Slapd.ALICE)));
  }

  @Test
  void awkwardCharactersInNamesAndDnsWork() {
    // o'brien's DN has an escaped comma and parentheses; the group search, which alone makes
    // o'brien an admin, receives it as {0}
    assertEquals(
        Optional.of(new Person("o'brien", Set.of(Roles.UPLOADER, Roles.ADMIN))),
        signIn(Slapd.O_BRIEN, Slapd.O_BRIEN_PASSWORD));
    // a '/' in the DN must not be read as a JNDI composite-name separator
    assertEquals(
        Optional.of(new Person("eve/../x", Set.of())), signIn(Slapd.EVE, Slapd.EVE_PASSWORD));
  }

  @Test
  void nameMatchingTwoEntriesIsRefused() {
    LdapDirectory byMail = directory(LdapSettings.Key.USER_FILTER.key(), "(mail={0})");

    assertEquals(Optional.empty(), signIn(byMail, Slapd.SHARED_MAIL, Slapd.password("dave")));
    assertEquals(Optional.empty(), signIn(byMail, Slapd.SHARED_MAIL, Slapd.password("dora")));
  }

  @Test
  void anonymousSearchWorksWithoutAServiceAccount() {
    LdapDirectory anonymous =
        directory(LdapSettings.Key.BIND_DN.key(), null, LdapSettings.Key.BIND_PASSWORD.key(), null);

    assertEquals(
        Optional.of(new Person("bob", Set.of(Roles.UPLOADER, Roles.ADMIN))),
        signIn(anonymous, Slapd.BOB, Slapd.password(Slapd.BOB)));
    assertEquals(Optional.empty(), signIn(anonymous, Slapd.BOB, Slapd.password(Slapd.ALICE)));
  }

  @Test
  void withoutGroupBaseOnlyMemberOfCounts() {
    // Upload-Admins is a groupOfUniqueNames, which the memberof overlay does not reflect
    LdapDirectory memberOfOnly = directory(LdapSettings.Key.GROUP_BASE.key(), null);

    assertEquals(
        Optional.of(new Person("bob", Set.of(Roles.UPLOADER))),
        signIn(memberOfOnly, Slapd.BOB, Slapd.password(Slapd.BOB)));
    assertEquals(
        Optional.of(new Person("o'brien", Set.of(Roles.UPLOADER))),
        signIn(memberOfOnly, Slapd.O_BRIEN, Slapd.O_BRIEN_PASSWORD));
  }

  @Test
  void groupNamesAreComparedWithoutCase() {
    LdapDirectory shouting =
        directory(
            LdapSettings.Key.UPLOADER_GROUPS.key(),
            "UPLOADERS",
            LdapSettings.Key.ADMIN_GROUPS.key(),
            "Upload-ADMINS");

    assertEquals(
        Optional.of(new Person("bob", Set.of(Roles.UPLOADER, Roles.ADMIN))),
        signIn(shouting, Slapd.BOB, Slapd.password(Slapd.BOB)));
  }

  @Test
  void wrongServicePasswordMeansTheDirectoryIsUnavailable() {
    LdapDirectory misconfigured =
        directory(LdapSettings.Key.BIND_PASSWORD.key(), "not-the-service-password");

    DirectoryUnavailableException thrown =
        assertThrows(
            DirectoryUnavailableException.class,
            () -> signIn(misconfigured, Slapd.ALICE, Slapd.password(Slapd.ALICE)));

    assertEquals(
        "The LDAP directory at "
            + slapd.url()
            + " refused the service account "
            + Slapd.SERVICE_DN
            + ": check upload.ldap.bind-dn and upload.ldap.bind-password.",
        thrown.getMessage());
  }

  @Test
  void deadPortMeansTheDirectoryIsUnavailable() throws IOException {
    String url = "ldap://127.0.0.1:" + freePort();
    LdapDirectory nowhere = directory(LdapSettings.Key.URL.key(), url);

    DirectoryUnavailableException thrown =
        assertTimeoutPreemptively(
            LdapDirectory.TIMEOUT.plusSeconds(2),
            () ->
                assertThrows(
                    DirectoryUnavailableException.class,
                    () -> signIn(nowhere, Slapd.ALICE, Slapd.password(Slapd.ALICE))));

    assertEquals(
        "The LDAP directory at "
            + url
            + " could not be reached: nothing accepted a connection on that host and port.",
        thrown.getMessage());
  }

  @Test
  void silentServerMeansTheDirectoryIsUnavailableAfterTheReadTimeout() throws IOException {
    // the kernel completes the connection (backlog), but nobody ever answers
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      String url = "ldap://127.0.0.1:" + silent.getLocalPort();
      LdapDirectory mute = directory(LdapSettings.Key.URL.key(), url);

      DirectoryUnavailableException thrown =
          assertTimeoutPreemptively(
              LdapDirectory.TIMEOUT.plusSeconds(3),
              () ->
                  assertThrows(
                      DirectoryUnavailableException.class,
                      () -> signIn(mute, Slapd.ALICE, Slapd.password(Slapd.ALICE))));

      assertTrue(
          thrown.getMessage().startsWith("The LDAP directory at " + url), thrown.getMessage());
      assertTrue(
          thrown.getMessage().endsWith("it did not answer within 5 seconds."), thrown.getMessage());
      assertFalse(thrown.getMessage().contains(Slapd.SERVICE_PASSWORD), thrown.getMessage());
    }
  }
}
