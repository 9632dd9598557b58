package org.s3directupload.it.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.Browsers;
import org.s3directupload.it.Http;
import org.s3directupload.it.People;
import org.s3directupload.it.TestStore;
import org.s3directupload.it.TheApp;

/**
 * The per-person limits with small values, and the records' sweeper, on two instances of the
 * application behind an imagined load balancer: two Payara Micro processes sharing one database (an
 * H2 server on loopback, which each reaches through a JDBC pool made by a post-boot command).
 * Requests alternate between the instances, so every limit below holds across both: 429 in the JSON
 * shape with {@code Retry-After}, recovery when the window ends, the byte limit, and what the page
 * tells a person; and the sweepers of both instances, looking every second, check each upload's
 * object once. (Every Arquillian run counts its tickets in the server's default data source.)
 */
@ExtendWith(TestStore.class)
class LimitsIT {

  private static final int TICKETS = 3;
  private static final String MIB = "1048576";

  private static Server database;
  private static final List<PayaraMicro> instances = new ArrayList<>();
  private static final List<URI> apps = new ArrayList<>();
  private static int requests;

  @BeforeAll
  static void start() throws Exception {
    int databasePort = Integer.getInteger("it.h2.port");
    database =
        Server.createTcpServer("-tcpPort", Integer.toString(databasePort), "-ifNotExists").start();
    Path commands = Files.createTempFile(Path.of("target"), "limits-pool", ".asadmin");
    Files.writeString(
        commands,
        "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource"
            + " --restype javax.sql.DataSource --property user=sa:password=sa:url=jdbc\\:h2\\:tcp\\://127.0.0.1\\:"
            + databasePort
            + "/mem\\:limits;DB_CLOSE_DELAY\\=-1 limitsPool\n"
            + "create-jdbc-resource --connectionpoolid limitsPool jdbc/uploadLimits\n");
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(
        Map.of(
            "UPLOAD_LIMITS_DATA_SOURCE", "jdbc/uploadLimits",
            "UPLOAD_LIMITS_TICKETS", Integer.toString(TICKETS),
            "UPLOAD_LIMITS_TICKETS_WINDOW", "PT5S",
            "UPLOAD_MAX_SIZE", MIB,
            "UPLOAD_LIMITS_BYTES", "2621440", // 2.5 MiB
            "UPLOAD_LIMITS_BYTES_WINDOW", "PT1H"));
    for (int port :
        new int[] {Integer.getInteger("it.spare.port"), Integer.getInteger("it.spare2.port")}) {
      instances.add(
          PayaraMicro.start(
              Path.of(System.getProperty("it.micro.jar")),
              Path.of(System.getProperty("it.war")),
              port,
              "/",
              environment,
              null,
              List.of("--postbootcommandfile", commands.toString())));
      apps.add(URI.create("http://127.0.0.1:" + port + "/"));
    }
    for (PayaraMicro instance : instances) {
      assertTrue(
          instance.awaitConsole(PayaraMicro.READY, PayaraMicro.START_TIMEOUT), instance.console());
      assertTrue(instance.console().contains("counted in jdbc/uploadLimits"), instance.console());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (PayaraMicro instance : instances) {
      instance.close();
    }
    if (database != null) {
      database.stop();
    }
  }

  /** The next instance in turn, as a round-robin load balancer would choose. */
  private static URI app() {
    return apps.get(requests++ % apps.size());
  }

  private static HttpResponse<String> ticket(People person, String size) throws Exception {
    return person.post(
        app().resolve("api/uploads"),
        "application/json",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":" + size + "}");
  }

  /**
   * Waits for the start of the next ticket window, so the test's requests share one window that no
   * other test has used.
   */
  private static void atTheStartOfAWindow() throws InterruptedException {
    Thread.sleep(5_000 - System.currentTimeMillis() % 5_000 + 50);
  }

  @Test
  void ticketsBeyondTheLimitGet429UntilTheWindowEnds() throws Exception {
    atTheStartOfAWindow();
    for (int i = 0; i < TICKETS; i++) {
      assertEquals(201, ticket(People.ALICE, "3").statusCode());
    }

    HttpResponse<String> refused = ticket(People.ALICE, "3");
    HttpResponse<String> refusedByTheOther = ticket(People.ALICE, "3");

    assertEquals(429, refused.statusCode(), refused.body());
    assertEquals(429, refusedByTheOther.statusCode(), "both instances count the same tickets");
    assertEquals("too_many_requests", Http.json(refused).getString("error"));
    String message = Http.json(refused).getString("message");
    assertTrue(message.contains("3 uploads within 5 seconds"), message);
    assertTrue(message.contains("You can ask again in"), message);
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);
    assertEquals(201, ticket(People.BOB, "3").statusCode(), "another person is not limited");

    Thread.sleep(retryAfter * 1000 + 100);
    assertEquals(201, ticket(People.ALICE, "3").statusCode(), "the limit recovers");
  }

  @Test
  void declaredBytesBeyondTheLimitGet429() throws Exception {
    atTheStartOfAWindow();
    assertEquals(201, ticket(People.HASHED, MIB).statusCode());
    assertEquals(201, ticket(People.HASHED, MIB).statusCode());

    HttpResponse<String> refused = ticket(People.HASHED, MIB);

    assertEquals(429, refused.statusCode(), refused.body());
    assertTrue(Http.json(refused).getString("message").contains("within 1 hour"), refused.body());
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter > 5 && retryAfter <= 3600, "Retry-After " + retryAfter);
    Thread.sleep(5_000);
    assertEquals(201, ticket(People.HASHED, "1000").statusCode(), "what still fits may go");
  }

  @Test
  void refusedRequestsDoNotCount() throws Exception {
    atTheStartOfAWindow();
    for (int i = 0; i < TICKETS + 2; i++) {
      HttpResponse<String> wrongType =
          People.ALICE.post(
              app().resolve("api/uploads"),
              "application/json",
              "{\"filename\":\"a.exe\",\"contentType\":\"application/x-msdownload\",\"size\":3}");
      assertEquals(415, wrongType.statusCode(), wrongType.body());
    }
    for (int i = 0; i < TICKETS; i++) {
      assertEquals(201, ticket(People.ALICE, "3").statusCode(), "ticket " + (i + 1));
    }
  }

  @Test
  void thePageSaysWhenToTryAgain(@TempDir Path files) throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < TICKETS + 1; i++) {
      paths.add(Files.writeString(files.resolve("f" + i + ".pdf"), "%PDF-1.4 " + i).toString());
    }
    ChromeDriver browser = Browsers.headlessChromium();
    try {
      Browsers.signIn(browser, new TheApp(apps.get(0)), People.BOB, "index.xhtml");
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(d -> "true".equals(d.findElement(By.id("uploader")).getAttribute("data-ready")));
      atTheStartOfAWindow();
      browser.findElement(By.id("file-input")).sendKeys(String.join("\n", paths));
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(
              d ->
                  d.findElements(By.cssSelector("#upload-list li")).stream()
                      .allMatch(
                          row ->
                              List.of("done", "refused", "error")
                                  .contains(row.getAttribute("data-state"))));

      // the store's CORS rule names the Arquillian port, not this server's, so the PUTs of the
      // three tickets fail; what counts here is the fourth ticket request and what the page says
      List<WebElement> rows = browser.findElements(By.cssSelector("#upload-list li"));
      String texts = rows.stream().map(WebElement::getText).collect(Collectors.joining("\n"));
      List<WebElement> limited =
          rows.stream()
              .filter(row -> row.getText().contains("3 uploads within 5 seconds"))
              .toList();
      assertEquals(1, limited.size(), texts);
      String text = limited.get(0).getText();
      assertEquals("error", limited.get(0).getAttribute("data-state"));
      assertTrue(text.contains("You can ask again in"), text);
      assertTrue(text.contains("(That is at "), text);
    } finally {
      browser.quit();
    }
  }

  @Test
  void twoInstancesSweepingOneDatabaseCheckEachUploadOnce() throws Exception {
    atTheStartOfAWindow();
    List<String> ids = new ArrayList<>();
    for (People person : List.of(People.ALICE, People.BOB)) {
      for (int i = 0; i < TICKETS; i++) {
        byte[] body = ("%PDF-1.4 swept " + person.username() + i).getBytes(UTF_8);
        HttpResponse<String> issued = ticket(person, Integer.toString(body.length));
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject ticket = Http.json(issued);
        Map<String, String> headers = new HashMap<>();
        ticket
            .getJsonObject("headers")
            .forEach((k, v) -> headers.put(k, ((JsonString) v).getString()));
        assertEquals(200, Http.put(ticket.getString("url"), headers, body).statusCode());
        ids.add(ticket.getString("id")); // and never completed: the sweepers must find it
      }
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!allStored(ids) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    Thread.sleep(3_000); // three more sweeps on each instance, which must leave them alone
    Map<String, Integer> checks = checks(ids);

    assertTrue(allStored(ids), "every upload was checked and stored");
    assertEquals(ids.stream().collect(Collectors.toMap(id -> id, id -> 1)), checks);
  }

  private static boolean allStored(List<String> ids) throws Exception {
    try (Connection connection = database();
        Statement select = connection.createStatement()) {
      ResultSet rows =
          select.executeQuery(
              "SELECT COUNT(*) FROM S3DU_UPLOADS WHERE STATE = 'stored' AND ID IN ('"
                  + String.join("', '", ids)
                  + "')");
      rows.next();
      return rows.getInt(1) == ids.size();
    }
  }

  /** How often each upload's object was looked at, as the shared database counted it. */
  private static Map<String, Integer> checks(List<String> ids) throws Exception {
    Map<String, Integer> checks = new HashMap<>();
    try (Connection connection = database();
        Statement select = connection.createStatement()) {
      ResultSet rows =
          select.executeQuery(
              "SELECT ID, CHECKS FROM S3DU_UPLOADS WHERE ID IN ('"
                  + String.join("', '", ids)
                  + "')");
      while (rows.next()) {
        checks.put(rows.getString(1), rows.getInt(2));
      }
    }
    return checks;
  }

  private static Connection database() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:tcp://127.0.0.1:" + Integer.getInteger("it.h2.port") + "/mem:limits", "sa", "sa");
  }
}
