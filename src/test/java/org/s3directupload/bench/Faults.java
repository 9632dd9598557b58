package org.s3directupload.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.s3directupload.identity.IdentitySettings;
import org.s3directupload.it.Browsers;
import org.s3directupload.it.TheApp;
import org.s3directupload.it.standalone.Slapd;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.uploads.RecordSettings;

/**
 * {@code ./bench.sh faults}: what a person sees when a part fails, and proof that nothing is lost —
 * each scenario ends with its upload's record in the right state, read from the database. The store
 * is reached through a {@link org.s3directupload.devstore.FaultProxy} that can refuse or delay; the
 * database server and the application server are stopped and started again; the directory is a real
 * OpenLDAP that is stopped. Each row's ratio column says {@code ok} or {@code FAILED}.
 */
final class Faults {

  /** Short enough that the sweeper's work shows within the run. */
  static final Map<String, String> SETTINGS =
      Map.of(
          SigningSettings.Key.URL_LIFETIME.key(), "PT45S",
          RecordSettings.Key.SWEEP_INTERVAL.key(), "PT2S",
          RecordSettings.Key.MISSING_AFTER.key(), "PT5S",
          StoreSettings.Key.STORE_TIMEOUT.key(), "PT2S");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final BenchServers servers;
  private final Report report;

  private Faults(BenchServers servers, Report report) {
    this.servers = servers;
    this.report = report;
  }

  static void run(Path work, Path microJar, Path war, Report report) throws Exception {
    try (BenchServers servers =
        BenchServers.start(work, microJar, war, List.of(), SETTINGS, true, true)) {
      Faults faults = new Faults(servers, report);
      faults.storeDown();
      faults.storeSlow();
      faults.databaseDown();
      faults.serverRestartsDuringABrowserUpload();
    }
    directoryDown(work, microJar, war, report);
  }

  /** The store refuses connections: tickets still come, the check waits for the store. */
  private void storeDown() throws Exception {
    Upload sent = upload("store-down.pdf", 2_000);
    servers.storeProxy.refuse();
    HttpResponse<String> ticket = ticket("while-down.pdf", 10);
    HttpResponse<String> complete = complete(sent.id());
    servers.storeProxy.pass();
    HttpResponse<String> again = complete(sent.id());

    expect("store down: a ticket", ticket.statusCode() + "", "201", ticket.statusCode() == 201);
    expectError("store down: completing an upload", complete, 503, "storage_unavailable");
    expect(
        "store back: the same upload's record",
        stateOf(sent.id()),
        "stored",
        again.statusCode() == 200 && "stored".equals(stateOf(sent.id())));
  }

  /** The store accepts connections but answers after 30 s: the application gives up in time. */
  private void storeSlow() throws Exception {
    Upload sent = upload("store-slow.pdf", 2_000);
    servers.storeProxy.delay(Duration.ofSeconds(30));
    long started = System.nanoTime();
    HttpResponse<String> complete = complete(sent.id());
    double seconds = (System.nanoTime() - started) / 1e9;
    servers.storeProxy.pass();

    expectError("store slow: completing an upload", complete, 503, "storage_unavailable");
    expect(
        "store slow: the answer came after",
        String.format(Locale.ROOT, "%.1f s", seconds),
        "under 10 s (time-out PT2S)",
        seconds < 10);
    // nobody completes it again: the sweeper checks it once its ticket has expired
    String state = awaitState(sent.id(), "stored", Duration.ofMinutes(2));
    expect(
        "store slow: the record once the store is quick again",
        state,
        "stored",
        state.equals("stored"));
  }

  /** The database of the limits and records is gone, then back: no restart needed. */
  private void databaseDown() throws Exception {
    long before = records();
    servers.stopDatabase();
    HttpResponse<String> down = ticket("database-down.pdf", 10);
    servers.startDatabase();
    HttpResponse<String> back = awaitTicket("database-back.pdf", Duration.ofSeconds(60));

    expectError("database down: a ticket", down, 503, "limits_unavailable");
    expect(
        "database back: a ticket, no restart",
        back.statusCode() + "",
        "201",
        back.statusCode() == 201);
    long after = records();
    expect(
        "database: records written meanwhile",
        Long.toString(after - before),
        "1 (only the ticket issued)",
        after - before == 1);
  }

  /**
   * A person's upload through the page while the application server stops and starts again: the
   * {@code PUT} goes to the store, not the application, and the record ends {@code stored}, checked
   * by the page once the server is back or by the sweeper.
   */
  private void serverRestartsDuringABrowserUpload() throws Exception {
    Path file = servers.work.resolve("restart.pdf");
    byte[] bytes = new byte[24 << 20];
    new Random(24).nextBytes(bytes);
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
    Files.write(file, bytes);
    ChromeDriver browser = Browsers.headlessChromium();
    try {
      TheApp app = new TheApp(servers.app(""));
      Browsers.signIn(browser, app, BenchServers.PERSON, BenchServers.PASSWORD, "index.xhtml");
      await(
          browser,
          () -> "true".equals(browser.findElement(By.id("uploader")).getAttribute("data-ready")));
      ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
      slow.setUploadThroughput(2_000_000); // bytes per second: about 12 s for the file
      slow.setDownloadThroughput(10_000_000);
      browser.setNetworkConditions(slow);
      browser.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
      await(
          browser,
          () -> {
            String value =
                browser
                    .findElement(
                        By.cssSelector("#upload-list li[data-file='restart.pdf'] progress"))
                    .getAttribute("value");
            return value != null && Double.parseDouble(value) > 5;
          });
      servers.stopServer();
      long stopped = System.nanoTime();
      servers.startServer();
      double downSeconds = (System.nanoTime() - stopped) / 1e9;

      new WebDriverWait(browser, Duration.ofMinutes(3))
          .until(
              d ->
                  List.of("done", "sent", "error", "refused", "cancelled")
                      .contains(
                          d.findElement(By.cssSelector("#upload-list li[data-file='restart.pdf']"))
                              .getAttribute("data-state")));
      Files.writeString(servers.work.resolve("restarted-server.log"), servers.server.console());
      WebElement row =
          browser.findElement(By.cssSelector("#upload-list li[data-file='restart.pdf']"));
      String pageSays = row.getText();
      // the row names the key once it has settled, also when the check is left to the sweeper
      String key = row.getAttribute("data-key");
      if (key == null) {
        report.note(
            "server restart: the row ended "
                + row.getAttribute("data-state")
                + " and said: "
                + pageSays.replace('\n', ' '));
        expect("server restart mid-upload: the page names the key", "no key", "a key", false);
        return;
      }
      String id = idOfKey(key);
      String state = awaitState(id, "stored", Duration.ofMinutes(3));
      report.note(
          String.format(
              Locale.ROOT,
              "server restart: the server was away %.0f s; the row ended %s (record %s); the page"
                  + " said: %s",
              downSeconds,
              row.getAttribute("data-state"),
              row.getAttribute("data-record-state"),
              pageSays.replace('\n', ' ')));
      expect("server restart mid-upload: the record", state, "stored", state.equals("stored"));
    } finally {
      browser.quit();
      Files.deleteIfExists(file);
    }
  }

  /** The directory is stopped: sign-in says so, in the API and on the page. */
  private static void directoryDown(Path work, Path microJar, Path war, Report report)
      throws Exception {
    Slapd slapd = Slapd.start(BenchServers.freePort(), work.resolve("slapd"));
    Map<String, String> ldap = new HashMap<>(SETTINGS);
    ldap.put(IdentitySettings.Key.IDENTITY_STORE.key(), "ldap");
    ldap.putAll(slapd.settings());
    try (BenchServers servers =
        BenchServers.start(work, microJar, war, List.of(), ldap, false, true)) {
      Faults faults = new Faults(servers, report);
      String alice = basic(Slapd.ALICE, Slapd.password(Slapd.ALICE));
      HttpResponse<String> up = faults.ticket("directory-up.pdf", 10, alice);
      slapd.close();
      HttpResponse<String> down =
          faults.ticket("directory-down.pdf", 10, basic("bob", Slapd.password("bob")));
      ChromeDriver browser = Browsers.headlessChromium();
      String page;
      try {
        browser.get(servers.app("login.xhtml").toString());
        browser.findElement(By.id("login:name")).sendKeys("bob");
        browser.findElement(By.id("login:password")).sendKeys(Slapd.password("bob"));
        browser.findElement(By.id("login:submit")).click();
        await(browser, () -> browser.getPageSource().contains("cannot be reached"));
        page = browser.findElement(By.tagName("main")).getText();
      } finally {
        browser.quit();
      }
      faults.expect("directory up: a ticket", up.statusCode() + "", "201", up.statusCode() == 201);
      faults.expectError("directory down: a ticket", down, 503, "directory_unavailable");
      faults.expect(
          "directory down: the sign-in page",
          "says it cannot be reached",
          "a sentence",
          page.contains("cannot be reached"));
      report.note("directory down: the sign-in page said: " + page.replace('\n', ' '));
    } finally {
      slapd.close();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private record Upload(String id, String key) {}

  /** A ticket and its PUT through the store's proxy, not completed. */
  private Upload upload(String name, int size) throws Exception {
    byte[] body = new byte[size];
    new Random(size).nextBytes(body);
    String checksum =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    HttpResponse<String> answer =
        HTTP.send(
            post(
                servers.app("api/uploads"),
                "{\"filename\":\""
                    + name
                    + "\",\"contentType\":\"application/pdf\",\"size\":"
                    + size
                    + ",\"checksumSha256\":\""
                    + checksum
                    + "\"}",
                basic(BenchServers.PERSON, BenchServers.PASSWORD)),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("no ticket for " + name + ": " + answer.body());
    }
    JsonObject ticket = json(answer.body());
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(ticket.getString("url")))
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    ticket
        .getJsonObject("headers")
        .forEach((header, value) -> put.header(header, ((JsonString) value).getString()));
    int status = HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 200) {
      throw new IllegalStateException("the store did not take " + name + ": HTTP " + status);
    }
    return new Upload(ticket.getString("id"), ticket.getString("key"));
  }

  private HttpResponse<String> ticket(String name, int size) throws Exception {
    return ticket(name, size, basic(BenchServers.PERSON, BenchServers.PASSWORD));
  }

  private HttpResponse<String> ticket(String name, int size, String authorization)
      throws Exception {
    return HTTP.send(
        post(
            servers.app("api/uploads"),
            "{\"filename\":\""
                + name
                + "\",\"contentType\":\"application/pdf\",\"size\":"
                + size
                + "}",
            authorization),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Asks for tickets until one is issued or {@code timeout} passes; answers the last answer. */
  private HttpResponse<String> awaitTicket(String name, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> answer;
    do {
      answer = ticket(name, 10);
      if (answer.statusCode() == 201) {
        return answer;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return answer;
  }

  private HttpResponse<String> complete(String id) throws Exception {
    return HTTP.send(
        post(
            servers.app("api/uploads/" + id + "/complete"),
            "{}",
            basic(BenchServers.PERSON, BenchServers.PASSWORD)),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest post(URI uri, String body, String authorization) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private String stateOf(String id) throws Exception {
    try (Connection connection = servers.database();
        PreparedStatement select =
            connection.prepareStatement("SELECT STATE FROM S3DU_UPLOADS WHERE ID = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : "no record";
      }
    }
  }

  private String idOfKey(String key) throws Exception {
    try (Connection connection = servers.database();
        PreparedStatement select =
            connection.prepareStatement("SELECT ID FROM S3DU_UPLOADS WHERE OBJECT_KEY = ?")) {
      select.setString(1, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : "no record";
      }
    }
  }

  private long records() throws Exception {
    try (Connection connection = servers.database();
        PreparedStatement select =
            connection.prepareStatement("SELECT COUNT(*) FROM S3DU_UPLOADS");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private String awaitState(String id, String wanted, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String state = stateOf(id);
    while (!state.equals(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      state = stateOf(id);
    }
    return state;
  }

  private void expect(String what, String observed, String expected, boolean ok) {
    report.add("faults", what, observed, expected, ok ? "ok" : "FAILED");
  }

  /** An error answer: its status and code as expected, and its sentence noted. */
  private void expectError(String what, HttpResponse<String> answer, int status, String code) {
    String error = "";
    String message = answer.body();
    try {
      JsonObject json = json(answer.body());
      error = json.getString("error", "");
      message = json.getString("message", "");
    } catch (RuntimeException e) {
      // not the JSON shape: the row fails below
    }
    expect(
        what,
        answer.statusCode() + " " + error,
        status + " " + code,
        answer.statusCode() == status && error.equals(code));
    report.note(what + ": \"" + message + "\"");
  }

  private static JsonObject json(String body) {
    try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static String basic(String name, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void await(ChromeDriver browser, BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> condition.getAsBoolean());
  }
}
