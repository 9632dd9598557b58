package org.s3directupload.identity;

import java.io.Serializable;
import java.util.Set;

/**
 * The person a session belongs to, kept as a session attribute from sign-in to sign-out. Plain
 * strings only, so sessions can be replicated or persisted by any server.
 *
 * @param name the canonical name
 * @param roles the roles at sign-in; a change in the store applies at the next sign-in
 */
public record SignedIn(String name, Set<String> roles) implements Serializable {

  /** The session attribute. */
  public static final String ATTRIBUTE = "org.s3directupload.identity.SignedIn";

  public SignedIn {
    roles = Set.copyOf(roles);
  }
}
