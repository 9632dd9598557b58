package org.s3directupload.identity;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.AuthenticationException;
import javax.naming.AuthenticationNotSupportedException;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;

/**
 * Checks a name and password against an LDAP directory or Active Directory with the JDK's own JNDI
 * provider, and turns the person's groups into {@link Roles}.
 *
 * <p>The person is found by a search (as the service account, or anonymously), then the password is
 * checked by binding as the DN that search found. Names go into filters only as JNDI filter
 * arguments, which escapes {@code *}, parentheses and backslashes, so a typed name can never widen
 * the search.
 *
 * <p>Longer than most classes here on purpose: it is one conversation with the directory (search,
 * bind, groups) and the translation of what JNDI throws into sentences an operator can act on;
 * split, the pieces would pass the connection and its error handling around.
 */
public final class LdapDirectory {

  private static final Logger LOG = Logger.getLogger(LdapDirectory.class.getName());

  /** How long connecting and each answer may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The group attribute of Active Directory (and of OpenLDAP's memberof overlay). */
  private static final String MEMBER_OF = "memberOf";

  private static final String GROUP_NAME = "cn";

  private final LdapSettings settings;

  public LdapDirectory(LdapSettings settings) {
    this.settings = settings;
  }

  /**
   * The person with this name and password, with the roles their groups give them.
   *
   * @param name the name typed at sign-in, in any case the directory's matching rule accepts
   * @param password the password typed; not kept
   * @return empty when the name or password is empty, no single entry matches, or the directory
   *     refuses the password
   * @throws DirectoryUnavailableException when the directory cannot be asked
   */
  public Optional<Person> authenticate(String name, char[] password) {
    // an empty password makes a simple bind "unauthenticated" (RFC 4513), which some directories
    // answer with success; OpenLDAP refuses it by default, Active Directory may not
    if (name == null || name.isBlank() || password == null || password.length == 0) {
      return Optional.empty();
    }
    DirContext directory = openForSearch();
    try {
      Optional<SearchResult> entry = findPerson(directory, name);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      String dn = entry.get().getNameInNamespace();
      if (!passwordAccepted(dn, password)) {
        LOG.fine(() -> "The directory refused the password for " + dn);
        return Optional.empty();
      }
      Optional<String> canonicalName = canonicalName(entry.get(), dn);
      if (canonicalName.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new Person(canonicalName.get(), roles(groups(directory, entry.get(), dn))));
    } catch (NamingException e) {
      throw unavailable("a search failed", e);
    } finally {
      close(directory);
    }
  }

  /**
   * The roles the person with this canonical name has now, asked without a password (as the service
   * account, or anonymously), for the periodic check of a signed-in session.
   *
   * @return empty when the directory no longer has exactly that person
   * @throws DirectoryUnavailableException when the directory cannot be asked
   */
  public Optional<Set<String>> currentRoles(String name) {
    DirContext directory = openForSearch();
    try {
      Optional<SearchResult> entry = findPerson(directory, name);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      String dn = entry.get().getNameInNamespace();
      if (!canonicalName(entry.get(), dn).equals(Optional.of(name))) {
        return Optional.empty();
      }
      return Optional.of(roles(groups(directory, entry.get(), dn)));
    } catch (NamingException e) {
      throw unavailable("a search failed", e);
    } finally {
      close(directory);
    }
  }

  private DirContext openForSearch() {
    Hashtable<String, Object> environment = environment();
    if (settings.bindDn().isPresent()) {
      environment.put(Context.SECURITY_AUTHENTICATION, "simple");
      environment.put(Context.SECURITY_PRINCIPAL, settings.bindDn().get());
      environment.put(Context.SECURITY_CREDENTIALS, settings.bindPassword().orElseThrow());
    } else {
      environment.put(Context.SECURITY_AUTHENTICATION, "none");
    }
    try {
      return new InitialDirContext(environment);
    } catch (AuthenticationException e) {
      String refused =
          settings
              .bindDn()
              .map(dn -> "refused the service account " + dn + ": check ")
              .orElse("refused an anonymous connection: set ");
      throw new DirectoryUnavailableException(
          "The LDAP directory at "
              + settings.url()
              + " "
              + refused
              + LdapSettings.Key.BIND_DN.key()
              + " and "
              + LdapSettings.Key.BIND_PASSWORD.key()
              + ".",
          e);
    } catch (NamingException e) {
      throw unavailable("could not be reached", e);
    }
  }

  private Optional<SearchResult> findPerson(DirContext directory, String name)
      throws NamingException {
    SearchControls controls = searchControls(settings.nameAttribute(), MEMBER_OF);
    // two are enough to know the name is ambiguous
    controls.setCountLimit(2);
    List<SearchResult> found = new ArrayList<>();
    boolean moreThanTwo = false;
    NamingEnumeration<SearchResult> results =
        directory.search(
            new LdapName(settings.userBase()),
            settings.userFilter(),
            new Object[] {name},
            controls);
    try {
      while (results.hasMore()) {
        found.add(results.next());
      }
    } catch (SizeLimitExceededException e) {
      moreThanTwo = true;
    } catch (PartialResultException referralsIgnored) {
      // Active Directory adds references to other partitions; the entries before them are complete
    } finally {
      results.close();
    }
    if (moreThanTwo || found.size() > 1) {
      LOG.warning(
          () ->
              "More than one entry under "
                  + settings.userBase()
                  + " matches "
                  + LdapSettings.Key.USER_FILTER.key()
                  + " for one name; nobody may sign in with that name.");
      return Optional.empty();
    }
    return found.stream().findFirst();
  }

  private boolean passwordAccepted(String dn, char[] password) {
    char[] credentials = password.clone();
    Hashtable<String, Object> environment = environment();
    environment.put(Context.SECURITY_AUTHENTICATION, "simple");
    environment.put(Context.SECURITY_PRINCIPAL, dn);
    environment.put(Context.SECURITY_CREDENTIALS, credentials);
    try {
      close(new InitialDirContext(environment));
      return true;
    } catch (AuthenticationException e) {
      return false;
    } catch (NamingException e) {
      throw unavailable("could not check a password", e);
    } finally {
      Arrays.fill(credentials, '\0');
    }
  }

  private Optional<String> canonicalName(SearchResult entry, String dn) throws NamingException {
    Attribute attribute = entry.getAttributes().get(settings.nameAttribute());
    if (attribute == null || attribute.size() != 1 || !(attribute.get() instanceof String name)) {
      LOG.warning(
          () ->
              dn
                  + " does not have exactly one "
                  + settings.nameAttribute()
                  + " ("
                  + LdapSettings.Key.NAME_ATTRIBUTE.key()
                  + "), so it has no canonical name and may not sign in.");
      return Optional.empty();
    }
    return Optional.of(name);
  }

  /** The lower-case names of the person's groups. */
  private Set<String> groups(DirContext directory, SearchResult entry, String dn)
      throws NamingException {
    Set<String> groups = new LinkedHashSet<>();
    Attribute memberOf = entry.getAttributes().get(MEMBER_OF);
    Optional<LdapName> base =
        settings.groupBase().isPresent()
            ? Optional.of(new LdapName(settings.groupBase().get()))
            : Optional.empty();
    if (memberOf != null) {
      for (NamingEnumeration<?> values = memberOf.getAll(); values.hasMore(); ) {
        groupName(String.valueOf(values.next()), base).ifPresent(groups::add);
      }
    }
    if (settings.groupBase().isPresent()) {
      NamingEnumeration<SearchResult> results =
          directory.search(
              new LdapName(settings.groupBase().get()),
              settings.groupFilter(),
              new Object[] {dn},
              searchControls(GROUP_NAME));
      try {
        while (results.hasMore()) {
          Attribute names = results.next().getAttributes().get(GROUP_NAME);
          if (names != null) {
            for (NamingEnumeration<?> values = names.getAll(); values.hasMore(); ) {
              groups.add(String.valueOf(values.next()).toLowerCase(Locale.ROOT));
            }
          }
        }
      } catch (PartialResultException referralsIgnored) {
        // as in findPerson
      } finally {
        results.close();
      }
    }
    return groups;
  }

  /**
   * The name of the group a memberOf value names: its DN's first RDN, which must be a cn. With a
   * group base, only groups under it count, so a same-named group elsewhere in the directory (in an
   * OU whose owners are not the operators) gives no role.
   */
  static Optional<String> groupName(String memberOf, Optional<LdapName> base) {
    LdapName dn;
    try {
      dn = new LdapName(memberOf);
    } catch (InvalidNameException notADn) {
      return Optional.empty();
    }
    if (dn.isEmpty() || (base.isPresent() && !dn.startsWith(base.get()))) {
      return Optional.empty();
    }
    // LdapName counts from the right: the first RDN as written is the last index
    Rdn first = dn.getRdn(dn.size() - 1);
    if (!first.getType().equalsIgnoreCase(GROUP_NAME)) {
      return Optional.empty();
    }
    return Optional.of(first.getValue().toString().toLowerCase(Locale.ROOT));
  }

  private Set<String> roles(Set<String> groups) {
    Set<String> roles = new LinkedHashSet<>();
    if (groups.stream().anyMatch(settings.uploaderGroups()::contains)) {
      roles.add(Roles.UPLOADER);
    }
    if (groups.stream().anyMatch(settings.adminGroups()::contains)) {
      roles.add(Roles.ADMIN);
    }
    return roles;
  }

  private Hashtable<String, Object> environment() {
    Hashtable<String, Object> environment = new Hashtable<>();
    // the JDK's provider, whatever the application server would pick by default
    environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    environment.put(Context.PROVIDER_URL, settings.url().toString());
    // a referral could send the search, and the service account's password, to another server
    environment.put(Context.REFERRAL, "ignore");
    String millis = Long.toString(TIMEOUT.toMillis());
    environment.put("com.sun.jndi.ldap.connect.timeout", millis);
    environment.put("com.sun.jndi.ldap.read.timeout", millis);
    return environment;
  }

  private static SearchControls searchControls(String... attributes) {
    SearchControls controls = new SearchControls();
    controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
    controls.setTimeLimit((int) TIMEOUT.toMillis());
    controls.setReturningAttributes(attributes);
    return controls;
  }

  private DirectoryUnavailableException unavailable(String what, NamingException e) {
    return new DirectoryUnavailableException(
        "The LDAP directory at " + settings.url() + " " + what + ": " + reason(e), e);
  }

  /** Why, in words a person running the application can act on. */
  private static String reason(NamingException e) {
    if (e instanceof AuthenticationNotSupportedException) {
      return "it does not accept a password over this connection (try an ldaps:// URL).";
    }
    for (Throwable cause = e; cause != null; cause = next(cause)) {
      if (cause instanceof ConnectException) {
        return "nothing accepted a connection on that host and port.";
      }
      if (cause instanceof UnknownHostException) {
        return "the host name is not known.";
      }
      if (cause instanceof SocketTimeoutException
          || (cause.getMessage() != null && cause.getMessage().contains("timed out"))) {
        return "it did not answer within " + TIMEOUT.toSeconds() + " seconds.";
      }
      if (cause instanceof SSLException) {
        return "the TLS handshake failed (" + cause.getMessage() + ").";
      }
    }
    return e.getExplanation() == null ? e.getClass().getSimpleName() : e.getExplanation();
  }

  private static Throwable next(Throwable cause) {
    if (cause instanceof NamingException naming && naming.getRootCause() != null) {
      return naming.getRootCause();
    }
    return cause.getCause();
  }

  private static void close(DirContext context) {
    try {
      context.close();
    } catch (NamingException e) {
      LOG.log(Level.FINE, "Closing an LDAP connection failed", e);
    }
  }
}
