package org.s3directupload.identity;

import java.util.Set;

/**
 * A person an identity store vouched for.
 *
 * @param name the canonical name: the same whatever spelling the person typed at sign-in
 * @param roles the application roles ({@link Roles}) the person holds; may be empty
 */
public record Person(String name, Set<String> roles) {

  public Person {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A person needs a name");
    }
    roles = Set.copyOf(roles);
  }
}
