package org.s3directupload.identity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.s3directupload.config.IdentitySettings;

/** The configured identity store's answer to a name and password. */
@ApplicationScoped
public class PeopleDirectory {

  @Inject IdentitySettings settings;

  private LdapDirectory ldap;

  @PostConstruct
  void connect() {
    ldap = settings.ldap().map(LdapDirectory::new).orElse(null);
  }

  /**
   * The person, when the name and password are right; empty otherwise.
   *
   * @throws DirectoryUnavailableException when the LDAP directory cannot be asked
   */
  public Optional<Person> authenticate(String name, char[] password) {
    return switch (settings.store()) {
      case USERS -> settings.users().authenticate(name, password);
      case LDAP -> ldap.authenticate(name, password);
    };
  }
}
