package org.s3directupload.it.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.s3directupload.identity.LdapSettings;

/**
 * A real OpenLDAP server (Debian's {@code slapd}) on loopback, for testing sign-in against a
 * directory without mocking LDAP. Each start builds a fresh {@code cn=config} with {@code slapadd
 * -n 0} (one mdb database for {@value #BASE}; schemas core, cosine, inetorgperson and nis; the
 * memberof overlay, so people get {@code memberOf} as in Active Directory), runs slapd in the
 * foreground as a child process of the test JVM, then loads {@code ldap/example-org.ldif} with
 * {@code ldapadd} so that the overlay sees the groups being added.
 *
 * <p>Anonymous clients may search everything but {@code userPassword}, which they may only bind
 * with; the service account {@value #SERVICE_DN} may do the same. Nothing needs root: slapd listens
 * on the given port only, keeps everything under the work directory and, without {@code -u}/{@code
 * -g}, runs as whoever starts it (root included).
 */
public final class Slapd implements AutoCloseable {

  public static final String BASE = "dc=example,dc=org";
  public static final String PEOPLE = "ou=people," + BASE;
  public static final String GROUPS = "ou=groups," + BASE;
  public static final String ROOT_DN = "cn=admin," + BASE;
  public static final String ROOT_PASSWORD = "admin-password";
  public static final String SERVICE_DN = "cn=upload-service,ou=services," + BASE;
  public static final String SERVICE_PASSWORD = "service-password";

  /** People of the test data: each one's password is {@code <uid>-password}. */
  public static final String ALICE = "alice";

  public static final String BOB = "bob";
  public static final String CAROL = "carol";
  public static final String O_BRIEN = "o'brien";
  public static final String O_BRIEN_PASSWORD = "obrien-password";
  public static final String EVE = "eve/../x";
  public static final String EVE_PASSWORD = "eve-password";

  /** The mail address dave and dora share. */
  public static final String SHARED_MAIL = "team@example.org";

  private static final Path SCHEMAS = Path.of("/etc/ldap/schema");
  private static final long START_SECONDS = 10;

  private final Process process;
  private final int port;
  private final Path log;

  private Slapd(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The password of one of the people in the test data. */
  public static String password(String uid) {
    return uid + "-password";
  }

  /**
   * Starts a fresh directory with the test data.
   *
   * @param port a free port on 127.0.0.1
   * @param workDir emptied, then holds the configuration, the database and slapd's output
   */
  public static Slapd start(int port, Path workDir) throws IOException, InterruptedException {
    Path dir = workDir.toAbsolutePath();
    deleteRecursively(dir);
    Path config = Files.createDirectories(dir.resolve("slapd.d"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path configLdif = Files.writeString(dir.resolve("config.ldif"), configLdif(data));
    run(dir, "slapadd-config.log", binary("slapadd"), "-n", "0", "-F", config, "-l", configLdif);

    Path log = dir.resolve("slapd.log");
    String url = "ldap://127.0.0.1:" + port + "/";
    // -d keeps slapd in the foreground (no daemon), so destroying the Process stops it; level
    // "none" prints only what is always logged, such as why it stops ("-d 0" prints nothing)
    Process process =
        new ProcessBuilder(binary("slapd"), "-h", url, "-F", config.toString(), "-d", "none")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Slapd slapd = new Slapd(process, port, log);
    try {
      slapd.awaitAnswer();
      Path testData = dir.resolve("example-org.ldif");
      try (InputStream in = Slapd.class.getResourceAsStream("/ldap/example-org.ldif")) {
        Files.copy(in, testData);
      }
      run(
          dir,
          "ldapadd.log",
          binary("ldapadd"),
          "-x",
          "-H",
          url,
          "-D",
          ROOT_DN,
          "-w",
          ROOT_PASSWORD,
          "-f",
          testData);
    } catch (IOException | RuntimeException e) {
      slapd.close();
      throw e;
    }
    return slapd;
  }

  /** Applies an LDIF change (ldapmodify) as the directory's administrator. */
  public void modify(String ldif) throws IOException, InterruptedException {
    Path dir = log.getParent();
    Path change = Files.writeString(Files.createTempFile(dir, "change-", ".ldif"), ldif);
    run(
        dir,
        "ldapmodify.log",
        binary("ldapmodify"),
        "-x",
        "-H",
        url(),
        "-D",
        ROOT_DN,
        "-w",
        ROOT_PASSWORD,
        "-f",
        change);
  }

  public String url() {
    return "ldap://127.0.0.1:" + port;
  }

  /**
   * {@code upload.ldap.*} values for this directory: the service account searches, groups are
   * searched under {@value #GROUPS}, everything else is the shipped default. A mutable copy.
   */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(LdapSettings.Key.URL.key(), url());
    settings.put(LdapSettings.Key.BIND_DN.key(), SERVICE_DN);
    settings.put(LdapSettings.Key.BIND_PASSWORD.key(), SERVICE_PASSWORD);
    settings.put(LdapSettings.Key.USER_BASE.key(), PEOPLE);
    settings.put(LdapSettings.Key.USER_FILTER.key(), "(uid={0})");
    settings.put(LdapSettings.Key.NAME_ATTRIBUTE.key(), "uid");
    settings.put(LdapSettings.Key.GROUP_BASE.key(), GROUPS);
    settings.put(LdapSettings.Key.GROUP_FILTER.key(), "(|(member={0})(uniqueMember={0}))");
    settings.put(LdapSettings.Key.UPLOADER_GROUPS.key(), "uploaders");
    settings.put(LdapSettings.Key.ADMIN_GROUPS.key(), "upload-admins");
    return settings;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Waits until slapd answers a search of the root DSE: a port that merely accepts is not it. */
  private void awaitAnswer() throws IOException, InterruptedException {
    Hashtable<String, Object> environment = new Hashtable<>();
    environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    environment.put(Context.PROVIDER_URL, url());
    environment.put("com.sun.jndi.ldap.connect.timeout", "500");
    environment.put("com.sun.jndi.ldap.read.timeout", "1000");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "slapd exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        DirContext rootDse = new InitialDirContext(environment);
        try {
          rootDse.getAttributes("", new String[] {"namingContexts"});
          return;
        } finally {
          rootDse.close();
        }
      } catch (NamingException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        "slapd did not answer on "
            + url()
            + " within "
            + START_SECONDS
            + " s:\n"
            + Files.readString(log));
  }

  private static String configLdif(Path data) {
    StringBuilder ldif = new StringBuilder();
    ldif.append(
        """
        dn: cn=config
        objectClass: olcGlobal
        cn: config

        dn: cn=module{0},cn=config
        objectClass: olcModuleList
        cn: module{0}
        olcModulePath: /usr/lib/ldap
        olcModuleLoad: back_mdb
        olcModuleLoad: memberof

        dn: cn=schema,cn=config
        objectClass: olcSchemaConfig
        cn: schema

        """);
    for (String schema : List.of("core", "cosine", "inetorgperson", "nis")) {
      ldif.append("include: ").append(SCHEMAS.resolve(schema + ".ldif").toUri()).append("\n\n");
    }
    ldif.append(
        """
        dn: olcDatabase={-1}frontend,cn=config
        objectClass: olcDatabaseConfig
        objectClass: olcFrontendConfig
        olcDatabase: {-1}frontend

        dn: olcDatabase={0}config,cn=config
        objectClass: olcDatabaseConfig
        olcDatabase: {0}config
        olcAccess: {0}to * by * none

        dn: olcDatabase={1}mdb,cn=config
        objectClass: olcDatabaseConfig
        objectClass: olcMdbConfig
        olcDatabase: {1}mdb
        olcDbDirectory: %s
        olcSuffix: %s
        olcRootDN: %s
        olcRootPW: %s
        olcAccess: {0}to attrs=userPassword by anonymous auth by * none
        olcAccess: {1}to * by * read

        dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config
        objectClass: olcOverlayConfig
        objectClass: olcMemberOf
        olcOverlay: {0}memberof
        """
            .formatted(data, BASE, ROOT_DN, ROOT_PASSWORD));
    return ldif.toString();
  }

  /** Runs a tool to completion; fails with its output. */
  private static void run(Path dir, String logName, Object... command)
      throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>();
    for (Object argument : command) {
      arguments.add(argument.toString());
    }
    Path output = dir.resolve(logName);
    Process process =
        new ProcessBuilder(arguments)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(arguments.get(0) + " did not finish within 30 s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", arguments.subList(0, 2))
              + " ... exited with "
              + process.exitValue()
              + ":\n"
              + Files.readString(output, StandardCharsets.UTF_8));
    }
  }

  /** Debian installs the server tools in /usr/sbin, which is not on every user's PATH. */
  private static String binary(String name) {
    for (String dir : List.of("/usr/sbin", "/usr/bin")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return name;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
