package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import javax.naming.ldap.LdapName;
import org.junit.jupiter.api.Test;

/** Which memberOf values name a group that may give a role. */
class LdapGroupNameTest {

  private static Optional<LdapName> base(String dn) throws Exception {
    return Optional.of(new LdapName(dn));
  }

  @Test
  void aGroupDnGivesItsCnInLowerCase() throws Exception {
    assertEquals(
        Optional.of("storage admins"),
        LdapDirectory.groupName(
            "CN=Storage Admins,OU=Groups,DC=corp,DC=example", Optional.empty()));
    assertEquals(
        Optional.of("uploaders"),
        LdapDirectory.groupName(
            "cn=Uploaders,ou=groups,dc=example,dc=org", base("ou=groups,dc=example,dc=org")));
  }

  @Test
  void aSameNamedGroupOutsideTheGroupBaseGivesNothing() throws Exception {
    assertEquals(
        Optional.empty(),
        LdapDirectory.groupName(
            "cn=Uploaders,ou=self-service,dc=example,dc=org", base("ou=groups,dc=example,dc=org")));
  }

  @Test
  void valuesThatAreNotAGroupDnGiveNothing() {
    assertEquals(Optional.empty(), LdapDirectory.groupName("uploaders", Optional.empty()));
    assertEquals(
        Optional.empty(), LdapDirectory.groupName("ou=Uploaders,dc=example", Optional.empty()));
    assertEquals(Optional.empty(), LdapDirectory.groupName("", Optional.empty()));
  }
}
