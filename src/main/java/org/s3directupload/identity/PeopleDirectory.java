package org.s3directupload.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.s3directupload.config.IdentitySettings;

/** The configured identity store's answer to a name and password. */
@ApplicationScoped
public class PeopleDirectory {

  @Inject IdentitySettings settings;

  /** The person, when the name and password are right; empty otherwise. */
  public Optional<Person> authenticate(String name, char[] password) {
    return switch (settings.store()) {
      case USERS -> settings.users().authenticate(name, password);
      case LDAP -> Optional.empty();
    };
  }
}
