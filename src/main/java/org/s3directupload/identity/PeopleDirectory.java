package org.s3directupload.identity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.s3directupload.config.SettingReader;

/** The configured identity store's answer to a name and password. */
@ApplicationScoped
public class PeopleDirectory {

  private static final Logger LOG = Logger.getLogger(PeopleDirectory.class.getName());

  @Inject IdentitySettings settings;

  private LdapDirectory ldap;

  /** The identity settings, read once per application. */
  @Produces
  @Singleton
  static IdentitySettings settings(SettingReader reader) {
    return reader.read(IdentitySettings::read);
  }

  @PostConstruct
  void connect() {
    ldap = settings.ldap().map(LdapDirectory::new).orElse(null);
  }

  void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.info(() -> "People sign in against the " + settings.store().code() + " identity store.");
    List<String> plain = settings.users().plainTextNames();
    if (!plain.isEmpty()) {
      LOG.warning(
          () ->
              IdentitySettings.Key.USERS.key()
                  + " has plain-text passwords for "
                  + String.join(", ", plain)
                  + ". Outside a demo, replace them with PBKDF2 hashes (see docs/identity.md).");
    }
    List<String> weak = settings.users().weakHashes();
    if (!weak.isEmpty()) {
      LOG.warning(
          () ->
              IdentitySettings.Key.USERS.key()
                  + " has hashes weaker than OWASP recommends: "
                  + String.join("; ", weak)
                  + ". Make new ones with ./hash-password.sh.");
    }
  }

  /**
   * The session's person as the store sees them now: asked again once {@code
   * upload.session-role-check} has passed since the last time, so roles taken away in the store end
   * a busy session's access too.
   *
   * @return the person, re-checked or not; empty when the store no longer knows them. A directory
   *     that cannot be asked leaves the roles as they were until it can (logged).
   */
  public Optional<SignedIn> recheck(SignedIn person, Instant now) {
    if (person.checkedAt().plus(settings.sessionRoleCheck()).isAfter(now)) {
      return Optional.of(person);
    }
    try {
      Optional<Set<String>> roles =
          switch (settings.store()) {
            case USERS -> settings.users().currentRoles(person.name());
            case LDAP -> ldap.currentRoles(person.name());
          };
      return roles.map(current -> new SignedIn(person.name(), current, now));
    } catch (DirectoryUnavailableException e) {
      LOG.warning(
          e.getMessage() + " The roles of " + person.name() + " stay as they were until it can.");
      return Optional.of(person);
    }
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
