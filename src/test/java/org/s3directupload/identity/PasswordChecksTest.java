package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The order of the checks: the throttle before a remembered Basic success. The container's identity
 * store handler is replaced by a one-person lambda (the real one runs only in a server; IdentityIT
 * covers it there).
 */
class PasswordChecksTest {

  private static PasswordChecks checks() {
    PasswordChecks cut = new PasswordChecks();
    cut.identityStores =
        credential ->
            credential instanceof UsernamePasswordCredential given
                    && given.getCaller().equals("carol")
                    && given.getPasswordAsString().equals("right")
                ? new CredentialValidationResult("carol", Set.of("uploader"))
                : CredentialValidationResult.INVALID_RESULT;
    cut.settings =
        new IdentitySettings(
            IdentitySettings.Store.USERS,
            null,
            Optional.empty(),
            Duration.ofMinutes(5),
            new SignInSettings(3, 100, Duration.ofMinutes(15), Duration.ofMinutes(1)));
    cut.start();
    return cut;
  }

  @Test
  void aRememberedSuccessDoesNotPassALockedName() {
    PasswordChecks cut = checks();
    UsernamePasswordCredential right = new UsernamePasswordCredential("carol", "right");
    assertTrue(cut.check(right, "10.0.0.1", true).valid(), "remembered from now on");

    for (int i = 0; i < 3; i++) {
      assertFalse(
          cut.check(new UsernamePasswordCredential("carol", "guess" + i), "10.0.0.2", true)
              .valid());
    }
    PasswordChecks.Outcome locked = cut.check(right, "10.0.0.1", true);

    assertFalse(locked.valid(), "a right password during the lockout is refused like a wrong one");
    assertTrue(locked.retryAfter().isPresent());
  }

  @Test
  void aRememberedSuccessIsRecalledWhileNothingIsLocked() {
    PasswordChecks cut = checks();
    UsernamePasswordCredential right = new UsernamePasswordCredential("carol", "right");

    assertTrue(cut.check(right, "10.0.0.1", true).valid());
    assertTrue(cut.check(right, "10.0.0.1", true).valid());
  }
}
