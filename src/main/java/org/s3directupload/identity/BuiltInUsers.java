package org.s3directupload.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.s3directupload.config.InvalidSettingException;

/**
 * The built-in identity store: the people listed in {@code upload.users}, each entry {@code
 * name:password:role[+role]}, entries separated by commas ({@code \,} for a comma inside a
 * password). The password is either plain text (for demos) or a PBKDF2 hash as {@link
 * PasswordHashes} and Jakarta Security's {@code Pbkdf2PasswordHash} write it; the name is what
 * comes before the first colon, the roles what comes after the last, so a hash's colons are safe.
 */
public final class BuiltInUsers {

  /** What a person's name may be: printable, no separators of this format, not too long. */
  private static final int LONGEST_NAME = 256;

  private record Entry(String name, String secret, boolean hashed, Set<String> roles) {}

  private final Map<String, Entry> byName;

  /**
   * A hash like the configured ones, checked for unknown names and plain-text entries, so that
   * every name costs the same; null when none is hashed (then none costs a hash).
   */
  private final String decoyHash;

  private BuiltInUsers(Map<String, Entry> byName) {
    this.byName = byName;
    this.decoyHash =
        byName.values().stream()
            .filter(Entry::hashed)
            .findFirst()
            .map(e -> decoy(e.secret()))
            .orElse(null);
  }

  /** A hash of a random password with the same algorithm and iterations as {@code like}. */
  private static String decoy(String like) {
    String[] parts = like.split(":");
    char[] random = java.util.UUID.randomUUID().toString().toCharArray();
    return PasswordHashes.generate(random, parts[0], Integer.parseInt(parts[1]));
  }

  /** No one: for installations that use another store. */
  public static BuiltInUsers none() {
    return new BuiltInUsers(Map.of());
  }

  /**
   * @throws InvalidSettingException naming {@code upload.users} and the entry, never its password
   */
  public static BuiltInUsers parse(String value) {
    Map<String, Entry> byName = new LinkedHashMap<>();
    Set<String> folded = new LinkedHashSet<>();
    int number = 0;
    for (String item : splitEntries(value)) {
      number++;
      String entry = item.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int first = entry.indexOf(':');
      int last = entry.lastIndexOf(':');
      if (first <= 0 || last == first) {
        throw invalid(
            "entry " + number + " must read name:password:role[+role], e.g. demo:secret:uploader.");
      }
      String name = entry.substring(0, first);
      String secret = entry.substring(first + 1, last);
      String roles = entry.substring(last + 1).strip();
      if (name.length() > LONGEST_NAME
          || !PersonSegment.wellFormed(name)
          || name.codePoints()
              .anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
        throw invalid(
            "entry "
                + number
                + ": a name must be 1 to "
                + LONGEST_NAME
                + " characters without spaces or control characters.");
      }
      if (!folded.add(name.toLowerCase(Locale.ROOT))) {
        throw invalid("lists '" + name + "' twice (names are compared without regard to case).");
      }
      if (secret.isEmpty()) {
        throw invalid("entry '" + name + "' has an empty password.");
      }
      boolean hashed = PasswordHashes.isHash(secret);
      if (hashed) {
        try {
          PasswordHashes.checkFormat(secret);
        } catch (IllegalArgumentException e) {
          throw invalid("entry '" + name + "': the password " + e.getMessage() + ".");
        }
      }
      byName.put(name, new Entry(name, secret, hashed, roles(name, roles)));
    }
    return new BuiltInUsers(Map.copyOf(byName));
  }

  private static Set<String> roles(String name, String value) {
    Set<String> roles = new LinkedHashSet<>();
    for (String role : value.split("\\+", -1)) {
      String trimmed = role.strip();
      if (!Roles.ALL.contains(trimmed)) {
        // the text after the last colon is not repeated: where the roles were forgotten, it is
        // the end of the password
        throw invalid(
            "entry '"
                + name
                + "' must end in its roles, "
                + String.join(" or ", Roles.ALL)
                + " (several joined with '+'), after the password.");
      }
      roles.add(trimmed);
    }
    return roles;
  }

  private static List<String> splitEntries(String value) {
    List<String> entries = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
        current.append(',');
        i++;
      } else if (c == ',') {
        entries.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    entries.add(current.toString());
    return entries;
  }

  private static InvalidSettingException invalid(String problem) {
    return new InvalidSettingException(IdentitySettings.Key.USERS, problem);
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /** The names whose password is written in plain text, for a warning at start. */
  public List<String> plainTextNames() {
    return byName.values().stream().filter(e -> !e.hashed()).map(Entry::name).toList();
  }

  /** The person, when the name (exactly as configured) and the password match. */
  /**
   * The person, when the name (exactly as configured) and the password match. An empty password is
   * refused before any lookup, whatever the name; every other answer costs one hash, whether the
   * name exists, is hashed or plain, so the time taken does not tell which names exist.
   */
  public Optional<Person> authenticate(String name, char[] password) {
    if (password.length == 0) {
      return Optional.empty();
    }
    Entry entry = byName.get(name);
    if (entry == null || !entry.hashed()) {
      if (decoyHash != null) {
        PasswordHashes.verify(password, decoyHash);
      }
    }
    if (entry == null) {
      return Optional.empty();
    }
    boolean matches =
        entry.hashed()
            ? PasswordHashes.verify(password, entry.secret())
            : MessageDigest.isEqual(
                new String(password).getBytes(StandardCharsets.UTF_8),
                entry.secret().getBytes(StandardCharsets.UTF_8));
    return matches ? Optional.of(new Person(entry.name(), entry.roles())) : Optional.empty();
  }

  /** The roles {@code name} (exactly as configured) has; empty when no one has that name. */
  public Optional<Set<String>> currentRoles(String name) {
    return Optional.ofNullable(byName.get(name)).map(Entry::roles);
  }

  /**
   * The entries whose hash is weaker than OWASP recommends for its algorithm (for a warning at
   * start), each as {@code name (PBKDF2WithHmacSHA256, 210000 iterations, at least 600000)}.
   */
  public List<String> weakHashes() {
    return byName.values().stream()
        .filter(Entry::hashed)
        .map(e -> PasswordHashes.weakness(e.secret()).map(w -> e.name() + " (" + w + ")"))
        .flatMap(Optional::stream)
        .toList();
  }
}
