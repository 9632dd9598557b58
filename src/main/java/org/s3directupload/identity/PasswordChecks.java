package org.s3directupload.identity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.s3directupload.words.Durations;

/**
 * Every check of a name and password, made through the container's identity store handler but
 * throttled ({@link SignInThrottle}) and, for HTTP Basic, remembered ({@link RememberedSignIns}):
 * so a script's next requests cost nothing, and guessing costs the server little and the person
 * nothing.
 */
@ApplicationScoped
public class PasswordChecks {

  /**
   * What a check found.
   *
   * @param result the store's answer; INVALID also when throttled
   * @param retryAfter when to try again, when the check was refused for too many failures
   */
  public record Outcome(CredentialValidationResult result, Optional<Duration> retryAfter) {

    public boolean valid() {
      return result.getStatus() == CredentialValidationResult.Status.VALID;
    }
  }

  @Inject IdentityStoreHandler identityStores;
  @Inject IdentitySettings settings;

  private SignInThrottle throttle;
  private RememberedSignIns remembered;

  @PostConstruct
  void start() {
    throttle = new SignInThrottle(settings.signIn(), Clock.systemUTC());
    remembered = new RememberedSignIns(settings.signIn(), Clock.systemUTC());
  }

  /**
   * Checks a name and password from {@code address}.
   *
   * @param remember whether a success may be remembered and recalled (HTTP Basic, which repeats the
   *     same credentials on every request; never the sign-in form, which starts a session)
   */
  public Outcome check(UsernamePasswordCredential credential, String address, boolean remember) {
    String name = credential.getCaller();
    char[] password = credential.getPassword().getValue();
    // the throttle first, also before a remembered success: during a lockout a right guess must
    // not be told apart from a wrong one
    Optional<Duration> wait = throttle.refusal(name, address);
    if (wait.isPresent()) {
      return new Outcome(CredentialValidationResult.INVALID_RESULT, wait);
    }
    if (remember) {
      Optional<Person> known = remembered.recall(name, password);
      if (known.isPresent()) {
        return valid(new CredentialValidationResult(known.get().name(), known.get().roles()));
      }
    }
    CredentialValidationResult result = identityStores.validate(credential);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      throttle.failed(name, address);
      return new Outcome(result, Optional.empty());
    }
    throttle.succeeded(name);
    if (remember) {
      remembered.remember(
          name,
          password,
          new Person(result.getCallerPrincipal().getName(), result.getCallerGroups()));
    }
    return valid(result);
  }

  private static Outcome valid(CredentialValidationResult result) {
    return new Outcome(result, Optional.empty());
  }

  /** What a person is told when a name or address has used up its failed sign-ins. */
  public static String tooManyFailures(long seconds) {
    return "There have been too many failed sign-ins for this name or from this address. You can"
        + " try again "
        + Durations.fromNow(seconds)
        + ".";
  }
}
