package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Files in parts through the page in a real browser against the real store: the test environment
 * sends files above 5 MiB in parts of 5 MiB, four at a time, with part URLs that live 8 seconds and
 * unfinished uploads aborted after 30.
 */
@OnTheServer
class MultipartPageIT {

  private static final int MIB = 1024 * 1024;

  @ArquillianResource TheApp app;

  @TempDir static Path files;

  private static ChromeDriver browser;
  private static S3Client s3;
  private static boolean signedIn;

  @BeforeAll
  static void start() throws Exception {
    browser = Browsers.headlessChromium();
    s3 = TestStore.client();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void openPage() {
    if (!signedIn) {
      Browsers.signIn(browser, app, People.ALICE, "index.xhtml");
      signedIn = true;
    }
    openUploader();
  }

  private void openUploader() {
    browser.get(app.toString());
    waitUntil(
        Duration.ofSeconds(60),
        () -> "true".equals(browser.findElement(By.id("uploader")).getAttribute("data-ready")));
  }

  @AfterEach
  void restoreNetwork() {
    browser.deleteNetworkConditions();
  }

  private static Path pdf(String name, int size) throws Exception {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    byte[] header = "%PDF-1.4\n".getBytes();
    System.arraycopy(header, 0, bytes, 0, header.length);
    return Files.write(files.resolve(name), bytes);
  }

  private void choose(Path path) {
    browser.findElement(By.id("file-input")).sendKeys(path.toAbsolutePath().toString());
  }

  private WebElement row(String fileName) {
    return browser.findElement(By.cssSelector("#upload-list li[data-file='" + fileName + "']"));
  }

  private WebElement finished(String fileName) {
    waitUntil(
        Duration.ofSeconds(90),
        () -> {
          List<WebElement> rows =
              browser.findElements(By.cssSelector("#upload-list li[data-file='" + fileName + "']"));
          return !rows.isEmpty()
              && List.of("done", "sent", "error", "refused", "cancelled")
                  .contains(rows.get(0).getAttribute("data-state"));
        });
    return row(fileName);
  }

  private static void waitUntil(Duration timeout, BooleanSupplier condition) {
    new WebDriverWait(browser, timeout).until(driver -> condition.getAsBoolean());
  }

  private static void throttle(int bytesPerSecond) {
    ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
    slow.setLatency(Duration.ofMillis(5));
    slow.setDownloadThroughput(50_000_000);
    slow.setUploadThroughput(bytesPerSecond);
    browser.setNetworkConditions(slow);
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return Base64.getEncoder().encodeToString(digest.digest());
  }

  /** The stored object is the file, byte for byte, and its record is stored. */
  private void assertStoredWhole(WebElement row, Path file) throws Exception {
    assertEquals("done", row.getAttribute("data-state"), row.getText());
    assertEquals("stored", row.getAttribute("data-record-state"));
    String key = row.getAttribute("data-key");
    try (InputStream stored = s3.getObject(b -> b.bucket(TestStore.bucket()).key(key));
        InputStream original = Files.newInputStream(file)) {
      assertEquals(sha256(original), sha256(stored), "the stored bytes are the file's");
    }
  }

  private Set<String> unfinishedUploads() {
    return s3
        .listMultipartUploads(b -> b.bucket(TestStore.bucket()).prefix(People.ALICE.segment()))
        .uploads()
        .stream()
        .map(MultipartUpload::uploadId)
        .collect(Collectors.toSet());
  }

  @Test
  void sendsALargeFileInPartsAndTheStoreHoldsItWhole() throws Exception {
    Path file = pdf("large scan.pdf", 22 * MIB + 12_345);
    choose(file);

    WebElement row = finished("large scan.pdf");

    assertStoredWhole(row, file);
    assertEquals("5", row.getAttribute("data-parts-sent"), "five parts of 5 MiB, the last smaller");
  }

  @Test
  void aPartWhoseFirstAttemptFailsIsSentAgain() throws Exception {
    // the first attempt of parts 1 and 2 goes nowhere, as when the connection drops
    browser.executeScript(
        "window.failedOnce = [];"
            + "const open = XMLHttpRequest.prototype.open;"
            + "XMLHttpRequest.prototype.open = function (method, url, ...rest) {"
            + "  const part = /[?&]partNumber=(\\d+)/.exec(url);"
            + "  if (part && ['1', '2'].includes(part[1]) && !window.failedOnce.includes(part[1])) {"
            + "    window.failedOnce.push(part[1]);"
            + "    url = 'http://127.0.0.1:9/nowhere';"
            + "  }"
            + "  return open.call(this, method, url, ...rest); };");
    Path file = pdf("flaky link.pdf", 11 * MIB);
    choose(file);

    WebElement row = finished("flaky link.pdf");

    assertStoredWhole(row, file);
    assertEquals(List.of("1", "2"), browser.executeScript("return window.failedOnce.sort();"));
    assertEquals("3", row.getAttribute("data-parts-sent"));
  }

  @Test
  void aPartWhoseUrlExpiredIsSignedAgain() throws Exception {
    // part 1 starts 9 seconds after it was signed, past its URL's 8: the store refuses it
    browser.executeScript(
        "window.partSignings = 0; window.late = false;"
            + "const original = window.fetch;"
            + "window.fetch = (url, init) => {"
            + "  if (String(url).endsWith('/parts') && init && init.method === 'POST') {"
            + "    window.partSignings += JSON.parse(init.body).parts.length; }"
            + "  return original(url, init); };"
            + "const open = XMLHttpRequest.prototype.open;"
            + "const send = XMLHttpRequest.prototype.send;"
            + "XMLHttpRequest.prototype.open = function (method, url, ...rest) {"
            + "  this.delayed = /[?&]partNumber=1&/.test(url) && !window.late;"
            + "  if (this.delayed) { window.late = true; }"
            + "  return open.call(this, method, url, ...rest); };"
            + "XMLHttpRequest.prototype.send = function (body) {"
            + "  if (this.delayed) { setTimeout(() => send.call(this, body), 9000); }"
            + "  else { send.call(this, body); } };");
    throttle(4_000_000);
    Path file = pdf("slow link.pdf", 11 * MIB);
    choose(file);

    WebElement row = finished("slow link.pdf");

    assertStoredWhole(row, file);
    long signings = (Long) browser.executeScript("return window.partSignings;");
    assertTrue(signings > 3, "part 1 was signed again: " + signings + " signings for 3 parts");
  }

  @Test
  void afterAReloadTheSameFileSendsOnlyTheMissingParts() throws Exception {
    throttle(2_000_000);
    Path file = pdf("resumed.pdf", 22 * MIB);
    choose(file);
    WebElement first = row("resumed.pdf");
    waitUntil(
        Duration.ofSeconds(40),
        () -> {
          String sent = first.getAttribute("data-parts-sent");
          return sent != null && Integer.parseInt(sent) >= 1;
        });

    openUploader(); // a reload half-way
    browser.deleteNetworkConditions();
    choose(file);
    WebElement again = row("resumed.pdf");
    waitUntil(
        Duration.ofSeconds(20),
        () -> !again.findElements(By.cssSelector("button.continue")).isEmpty());
    JsonObject record = Http.json(People.ALICE.get(app.resolve("api/uploads?limit=1")));
    String id = record.getJsonArray("uploads").getJsonObject(0).getString("id");
    int inStore =
        Http.json(People.ALICE.get(app.resolve("api/uploads/" + id + "/parts")))
            .getJsonArray("parts")
            .size();
    again.findElement(By.cssSelector("button.continue")).click();

    WebElement row = finished("resumed.pdf");

    assertStoredWhole(row, file);
    assertTrue(inStore >= 1 && inStore < 5, inStore + " parts were in the store at the reload");
    assertEquals(
        String.valueOf(5 - inStore),
        row.getAttribute("data-parts-sent"),
        "only the parts the store lacked were sent");
  }

  @Test
  void cancelLeavesNoUploadInTheStore() throws Exception {
    Set<String> before = unfinishedUploads();
    throttle(1_000_000);
    Path file = pdf("cancelled in parts.pdf", 16 * MIB);
    choose(file);
    WebElement row = row("cancelled in parts.pdf");
    waitUntil(
        Duration.ofSeconds(20),
        () -> Integer.parseInt(row.findElement(By.tagName("progress")).getAttribute("value")) > 0);
    assertTrue(unfinishedUploads().size() > before.size(), "the upload was started");

    row.findElement(By.cssSelector("button.cancel")).click();

    assertEquals("cancelled", finished("cancelled in parts.pdf").getAttribute("data-state"));
    waitUntil(Duration.ofSeconds(10), () -> before.containsAll(unfinishedUploads()));
    JsonObject newest =
        Http.json(People.ALICE.get(app.resolve("api/uploads?limit=1")))
            .getJsonArray("uploads")
            .getJsonObject(0);
    assertEquals("deleted", newest.getString("state"), newest.toString());
  }
}
