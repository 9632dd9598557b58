package org.s3directupload.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;

/**
 * The Jakarta Security identity store: checks a name and password against the configured store
 * (built-in users or LDAP) and hands the person's roles to the container as groups, which the
 * container maps to roles of the same name.
 */
@ApplicationScoped
public class UploadIdentityStore implements IdentityStore {

  @Inject PeopleDirectory directory;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    Optional<Person> person =
        directory.authenticate(login.getCaller(), login.getPassword().getValue());
    return person
        .map(p -> new CredentialValidationResult(p.name(), p.roles()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
