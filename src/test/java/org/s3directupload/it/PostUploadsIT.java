package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The application with {@code upload.method=post}: the ticket API answers forms, a form posted with
 * the ticket's fields becomes a {@code stored} record, one byte too many is refused by the store,
 * and the page uploads through a form in a real browser, with and without JavaScript. Failsafe runs
 * this class on its own server with {@code post}, once signing v4 and once v2 (the other
 * integration tests share a server that signs {@code PUT} tickets); the policy itself is {@code
 * PresignedPostIT}'s.
 */
@OnTheServer
class PostUploadsIT {

  @TempDir static Path files;

  @ArquillianResource TheApp app;

  private static S3Client s3;

  @BeforeAll
  static void connect() {
    s3 = TestStore.client();
  }

  @AfterAll
  static void disconnect() {
    s3.close();
  }

  private JsonObject ticketFor(String filename, int size) throws Exception {
    HttpResponse<String> response =
        People.BOB.post(
            app.uploads(),
            "application/json",
            "{\"filename\":\""
                + filename
                + "\",\"contentType\":\"application/pdf\",\"size\":"
                + size
                + "}");
    assertEquals(201, response.statusCode(), response.body());
    return Http.json(response);
  }

  private static Map<String, String> fieldsOf(JsonObject ticket) {
    Map<String, String> fields = new LinkedHashMap<>();
    ticket
        .getJsonObject("fields")
        .forEach((name, value) -> fields.put(name, ((JsonString) value).getString()));
    return fields;
  }

  @Test
  void aFormPostedWithTheTicketsFieldsBecomesAStoredRecord() throws Exception {
    byte[] pdf = "%PDF-1.4\n% posted by a form\n".getBytes(StandardCharsets.US_ASCII);
    JsonObject ticket = ticketFor("posted.pdf", pdf.length);
    assertEquals("POST", ticket.getString("method"));
    assertEquals(TestStore.endpoint() + "/" + TestStore.bucket() + "/", ticket.getString("url"));
    assertFalse(ticket.containsKey("headers"), ticket.toString());
    Map<String, String> fields = fieldsOf(ticket);
    assertEquals(ticket.getString("key"), fields.get("key"));
    List<String> names = List.copyOf(fields.keySet());
    assertTrue(names.indexOf("key") < names.indexOf("Content-Type"), names.toString());
    assertTrue(names.contains("policy"), names.toString());

    HttpResponse<String> posted = Http.postForm(ticket.getString("url"), fields, pdf);
    assertEquals(204, posted.statusCode(), posted.body());
    HttpResponse<String> completed =
        People.BOB.post(
            app.resolve("api/uploads/" + ticket.getString("id") + "/complete"),
            "application/json",
            "{}");

    assertEquals(200, completed.statusCode(), completed.body());
    JsonObject record = Http.json(completed);
    assertEquals("stored", record.getString("state"), record.toString());
    assertEquals(pdf.length, record.getJsonNumber("size").longValue());
  }

  @Test
  void aFormOneByteLongerIsRefusedAndTheRecordStaysUnstored() throws Exception {
    byte[] pdf = "%PDF-1.4\n% one byte too many\n".getBytes(StandardCharsets.US_ASCII);
    JsonObject ticket = ticketFor("longer.pdf", pdf.length - 1);

    HttpResponse<String> posted = Http.postForm(ticket.getString("url"), fieldsOf(ticket), pdf);

    assertEquals(400, posted.statusCode(), posted.body());
    assertTrue(posted.body().contains("<Code>EntityTooLarge</Code>"), posted.body());
    HttpResponse<String> completed =
        People.BOB.post(
            app.resolve("api/uploads/" + ticket.getString("id") + "/complete"),
            "application/json",
            "{}");
    Http.assertErrorShape(completed, 409, "not_uploaded");
  }

  @Test
  void thePageUploadsThroughAFormInARealBrowser() throws Exception {
    byte[] bytes = new byte[50_000];
    new Random(7).nextBytes(bytes);
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
    Path file = Files.write(files.resolve("by the page.pdf"), bytes);
    ChromeDriver browser = Browsers.headlessChromium();
    try {
      Browsers.signIn(browser, app, People.BOB, "index.xhtml");
      browser.get(app.toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      wait.until(
          driver ->
              "true".equals(driver.findElement(By.id("uploader")).getAttribute("data-ready")));

      browser.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());

      By row = By.cssSelector("#upload-list li[data-file='by the page.pdf']");
      wait.until(
          driver ->
              List.of("done", "sent", "error", "refused", "cancelled")
                  .contains(driver.findElement(row).getAttribute("data-state")));
      WebElement done = browser.findElement(row);
      assertEquals("done", done.getAttribute("data-state"), done.getText());
      assertEquals("stored", done.getAttribute("data-record-state"));
      assertEquals("100", done.findElement(By.tagName("progress")).getAttribute("value"));
      String key = done.getAttribute("data-key");
      HeadObjectResponse head = s3.headObject(b -> b.bucket(TestStore.bucket()).key(key));
      assertEquals("application/pdf", head.contentType());
      assertEquals(bytes.length, head.contentLength());
    } finally {
      browser.quit();
    }
  }

  @Test
  void withoutJavaScriptAFormUploadsOneFileAndThePersonLandsOnItsOutcome() throws Exception {
    byte[] bytes = new byte[20_000];
    new Random(11).nextBytes(bytes);
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
    Path file = Files.write(files.resolve("no script.pdf"), bytes);
    ChromeDriver browser = Browsers.headlessChromium("--blink-settings=scriptEnabled=false");
    try {
      Browsers.signIn(browser, app, People.CAROL, "index.xhtml");
      browser.get(app.toString());
      // the form inside <noscript> exists only when the browser runs no script
      browser.findElement(By.id("form-type")).sendKeys("application/pdf");
      browser.findElement(By.id("form-prepare")).click();
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      wait.until(driver -> !driver.findElements(By.id("form-file")).isEmpty());
      assertTrue(
          browser.findElement(By.id("form-rules")).getText().contains("cannot look at the file"));

      browser.findElement(By.id("form-file")).sendKeys(file.toAbsolutePath().toString());
      browser.findElement(By.id("form-send")).click();

      wait.until(driver -> !driver.findElements(By.id("stored-key")).isEmpty());
      assertTrue(browser.getCurrentUrl().contains("/my-uploads.xhtml"), browser.getCurrentUrl());
      String outcome = browser.findElement(By.id("outcome")).getText();
      assertTrue(outcome.startsWith("“upload.pdf” is stored and checked, as "), outcome);
      String key = browser.findElement(By.id("stored-key")).getText();
      assertTrue(key.startsWith("uploads/carol/") && key.endsWith("/upload.pdf"), key);
      HeadObjectResponse head = s3.headObject(b -> b.bucket(TestStore.bucket()).key(key));
      assertEquals("application/pdf", head.contentType());
      assertEquals(bytes.length, head.contentLength());
      assertEquals("carol", head.metadata().get("uploaded-by"));
    } finally {
      browser.quit();
    }
  }
}
