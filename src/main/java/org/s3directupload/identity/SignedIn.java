package org.s3directupload.identity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * The person a session belongs to, kept as a session attribute from sign-in to sign-out. Plain
 * strings only, so sessions can be replicated or persisted by any server.
 *
 * @param name the canonical name
 * @param roles the roles, as the store gave them at {@code checkedAt}
 * @param checkedAt when the store last said so: at sign-in, then every {@code
 *     upload.session-role-check}
 */
public record SignedIn(String name, Set<String> roles, Instant checkedAt) implements Serializable {

  /** The session attribute. */
  public static final String ATTRIBUTE = "org.s3directupload.identity.SignedIn";

  public SignedIn {
    roles = Set.copyOf(roles);
  }
}
