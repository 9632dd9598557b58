package org.s3directupload.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.s3directupload.bench.floor.FloorApplication;
import org.s3directupload.bench.floor.FloorResource;
import org.s3directupload.devstore.DevSettings;
import org.s3directupload.devstore.DevStore;
import org.s3directupload.devstore.FaultProxy;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.identity.IdentitySettings;
import org.s3directupload.identity.SignInSettings;
import org.s3directupload.limits.LimitSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.uploads.RecordSettings;
import org.s3directupload.web.Origins;

/**
 * What the benchmark runs against, started like the README's run command: the embedded store
 * (S3Proxy, which checks signatures), a database for the limits and records, and one Payara Micro
 * with our WAR at {@code /} and the floor WAR at {@code /floor}, with the optimising compiler and
 * the default collector.
 *
 * <p>The database is H2 either way, so that the benchmark can count what the application wrote. By
 * default it lives in the server's JVM, as the server's own default data source does (a file
 * database that the server opens first and serves to the benchmark on loopback, H2's {@code
 * AUTO_SERVER}). With {@code sharedDatabase} it is a database server in the benchmark's JVM,
 * reached over TCP as several instances would reach a shared one; the faults stop and start it.
 */
final class BenchServers implements AutoCloseable {

  /** The people of the benchmark; plain-text passwords (the application warns; fine here). */
  static final String PERSON = "bench";

  /** As many people as the most clients of the ticket benchmark, each a client of their own. */
  static final int PEOPLE = 64;

  static final String BURST_PERSON = "burst";
  static final String PASSWORD = "bench-password";

  /** The largest upload: the bytes benchmark sends 512 MiB. */
  static final long MAX_SIZE = 1L << 30;

  final Path work;
  final int httpPort;
  final int storePort;
  final int databasePort;
  final boolean sharedDatabase;
  private Server database;

  /** Between the application and the store when started for faults; else null. */
  final FaultProxy storeProxy;

  final DevStore store;
  final DevSettings settings;
  private final Map<String, String> environment;
  private final Path microJar;
  private final Path war;
  private final Path floorWar;
  private final Path poolCommands;
  private final List<String> serverJvmOptions;
  PayaraMicro server;

  private BenchServers(
      Path work,
      Path microJar,
      Path war,
      List<String> serverJvmOptions,
      Map<String, String> overrides,
      boolean storeThroughProxy,
      boolean sharedDatabase)
      throws Exception {
    this.work = work;
    this.sharedDatabase = sharedDatabase;
    this.microJar = microJar;
    this.war = war;
    this.serverJvmOptions = serverJvmOptions;
    httpPort = freePort();
    storePort = freePort();
    databasePort = freePort();
    if (sharedDatabase) {
      startDatabase();
    } else {
      deleteDatabaseFiles();
    }
    storeProxy = storeThroughProxy ? FaultProxy.start("127.0.0.1", storePort) : null;
    int storeEndpointPort = storeThroughProxy ? storeProxy.port() : storePort;

    Map<String, String> chosen = new LinkedHashMap<>();
    chosen.put(StoreSettings.Key.BUCKET.key(), "uploads");
    chosen.put(StoreSettings.Key.ENDPOINT.key(), "http://127.0.0.1:" + storeEndpointPort);
    chosen.put(StoreSettings.Key.PATH_STYLE.key(), "true");
    chosen.put(Origins.Key.ALLOWED_ORIGINS.key(), appOrigin());
    StringBuilder users = new StringBuilder(BURST_PERSON + ":" + PASSWORD + ":uploader");
    for (String person : people()) {
      users.append(',').append(person).append(':').append(PASSWORD).append(":uploader");
    }
    chosen.put(IdentitySettings.Key.USERS.key(), users.toString());
    // each client's Basic check is remembered through a whole run, as through a minute by default
    chosen.put(SignInSettings.Key.BASIC_MEMORY.key(), "PT15M");
    chosen.put(SigningSettings.Key.MAX_SIZE.key(), Long.toString(MAX_SIZE));
    chosen.put(LimitSettings.Key.TICKETS.key(), Long.toString(Long.MAX_VALUE / 2));
    chosen.put(LimitSettings.Key.BYTES.key(), Long.toString(Long.MAX_VALUE / 2));
    chosen.put(LimitSettings.Key.DATA_SOURCE.key(), "jdbc/bench");
    // one window for the whole run, so the burst's count is one row that no clean-up removes
    chosen.put(LimitSettings.Key.TICKETS_WINDOW.key(), "P31D");
    // only the sweeper's own tests want it often; the benchmark wants it out of the way
    chosen.put(RecordSettings.Key.SWEEP_INTERVAL.key(), "PT1M");
    chosen.putAll(overrides);
    settings = DevSettings.of(chosen, Map.of());
    store = DevStore.start(settings.signing(), settings.origins(), storePort);

    environment = new LinkedHashMap<>(System.getenv());
    environment.keySet().removeIf(name -> name.startsWith("UPLOAD_") || name.startsWith("AWS_"));
    environment.putAll(settings.asEnvironment());
    environment.put("AWS_ACCESS_KEY_ID", DevStore.ACCESS_KEY);
    environment.put("AWS_SECRET_ACCESS_KEY", DevStore.SECRET_KEY);
    environment.put("AWS_EC2_METADATA_DISABLED", "true");

    floorWar = work.resolve("floor.war");
    ShrinkWrap.create(WebArchive.class, "floor.war")
        .addClasses(FloorApplication.class, FloorResource.class)
        .as(ZipExporter.class)
        .exportTo(floorWar.toFile(), true);
    poolCommands = work.resolve("bench-pool.asadmin");
    // a shared database is validated on every lease, so that the pool recovers once it is back
    String validation =
        sharedDatabase
            ? " --isconnectvalidatereq=true --validationmethod=auto-commit --failconnection=true"
            : "";
    Files.writeString(
        poolCommands,
        "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource"
            + " --restype javax.sql.DataSource"
            + validation
            + " --property user=sa:password=sa:url="
            + jdbcUrl().replace(":", "\\:").replace("=", "\\=")
            + " benchPool\n"
            + "create-jdbc-resource --connectionpoolid benchPool jdbc/bench\n");
  }

  /** Starts everything; {@code serverJvmOptions} are the server JVM's (e.g. a flight recording). */
  static BenchServers start(Path work, Path microJar, Path war, List<String> serverJvmOptions)
      throws Exception {
    return start(work, microJar, war, serverJvmOptions, Map.of(), false, false);
  }

  /**
   * As above, with {@code overrides} of the settings, with the application's (and the tickets') way
   * to the store through a {@link FaultProxy} when {@code storeThroughProxy}, and with the database
   * in the benchmark's JVM when {@code sharedDatabase}.
   */
  static BenchServers start(
      Path work,
      Path microJar,
      Path war,
      List<String> serverJvmOptions,
      Map<String, String> overrides,
      boolean storeThroughProxy,
      boolean sharedDatabase)
      throws Exception {
    Files.createDirectories(work);
    BenchServers servers =
        new BenchServers(
            work, microJar, war, serverJvmOptions, overrides, storeThroughProxy, sharedDatabase);
    // Ctrl-C (or a failure that ends the JVM) must not leave a server behind
    Thread stopper =
        new Thread(
            () -> {
              try {
                servers.close();
              } catch (Exception e) {
                System.err.println("Stopping the benchmark's servers: " + e.getMessage());
              }
            });
    Runtime.getRuntime().addShutdownHook(stopper);
    servers.startServer();
    return servers;
  }

  /** Starts (or starts again) the application server, and waits until both WARs answer. */
  void startServer() throws Exception {
    List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    jvm.addAll(serverJvmOptions);
    server =
        PayaraMicro.start(
            microJar,
            war,
            httpPort,
            "/",
            environment,
            null,
            List.of(
                "--deploy", floorWar.toString(), "--postbootcommandfile", poolCommands.toString()),
            jvm);
    if (!server.awaitConsole(PayaraMicro.READY, PayaraMicro.START_TIMEOUT)) {
      throw new IllegalStateException("Payara Micro did not start:\n" + server.console());
    }
    if (!server.console().contains("counted in jdbc/bench")) {
      throw new IllegalStateException(
          "The application does not count in the benchmark's database:\n" + server.console());
    }
  }

  /** Starts (or starts again) the database server on its port; an in-memory database lives on. */
  void startDatabase() throws SQLException {
    database =
        Server.createTcpServer("-tcpPort", Integer.toString(databasePort), "-ifNotExists").start();
  }

  /** Stops the shared database server: the application's connections to it break. */
  void stopDatabase() {
    database.stop();
  }

  /** Stops the application server, as a crash would (the process is ended). */
  void stopServer() throws InterruptedException {
    server.close();
  }

  String appOrigin() {
    return "http://127.0.0.1:" + httpPort;
  }

  URI app(String path) {
    return URI.create(appOrigin() + "/" + path);
  }

  String jdbcUrl() {
    if (sharedDatabase) {
      return "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/mem:bench;DB_CLOSE_DELAY=-1";
    }
    return "jdbc:h2:file:" + databaseFile() + ";AUTO_SERVER=TRUE";
  }

  private Path databaseFile() {
    return work.toAbsolutePath().resolve("database").resolve("bench");
  }

  /** A run starts with an empty database, as with the shared one in memory. */
  private void deleteDatabaseFiles() throws IOException {
    Path directory = databaseFile().getParent();
    if (Files.isDirectory(directory)) {
      try (var files = Files.list(directory)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(directory);
  }

  /** A connection to the application's database, to count what it wrote. */
  Connection database() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "sa", "sa");
  }

  /** {@code bench}, {@code bench2} … {@code bench64}. */
  static List<String> people() {
    List<String> people = new ArrayList<>();
    people.add(PERSON);
    for (int i = 2; i <= PEOPLE; i++) {
      people.add(PERSON + i);
    }
    return people;
  }

  static String basic(String person) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((person + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.close();
    }
    store.close();
    if (storeProxy != null) {
      storeProxy.close();
    }
    if (database != null) {
      database.stop();
    }
  }

  private boolean closed;

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
