package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The page in a real browser: the page on {@code 127.0.0.1:<app port>}, the store on {@code
 * 127.0.0.1:<store port>}, so every PUT is cross-origin and passes the store's CORS rule, exactly
 * as against a real bucket.
 */
@OnTheServer
class UploadPageIT {

  @ArquillianResource TheApp app;

  @TempDir static Path files;

  private static ChromeDriver browser;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    browser = Browsers.headlessChromium();
    s3 = TestStore.client();
    currentCorsHeaders = TestStore.store().corsHeaders();
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

  private static boolean signedIn;

  @BeforeEach
  void openPage() {
    if (!signedIn) {
      Browsers.signIn(browser, app, People.ALICE, "index.xhtml");
      signedIn = true;
    }
    browser.get(app.toString());
    waitUntil(Duration.ofSeconds(60), () -> "true".equals(uploader().getAttribute("data-ready")));
  }

  @AfterEach
  void restoreStoreAndNetwork() throws Exception {
    browser.deleteNetworkConditions();
    if (!TestStore.store().corsHeaders().equals(currentCorsHeaders)) {
      TestStore.store().restartAllowingHeaders(TestStore.store().corsHeaders());
      currentCorsHeaders = TestStore.store().corsHeaders();
    }
  }

  private static List<String> currentCorsHeaders;

  private WebElement uploader() {
    return browser.findElement(By.id("uploader"));
  }

  private static Path pdf(String name, int size) throws Exception {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    byte[] header = "%PDF-1.4\n".getBytes();
    System.arraycopy(header, 0, bytes, 0, Math.min(header.length, size));
    return Files.write(files.resolve(name), bytes);
  }

  private void choose(Path... paths) {
    List<String> names = new ArrayList<>();
    for (Path path : paths) {
      names.add(path.toAbsolutePath().toString());
    }
    browser.findElement(By.id("file-input")).sendKeys(String.join("\n", names));
  }

  private WebElement row(String fileName) {
    return browser.findElement(By.cssSelector("#upload-list li[data-file='" + fileName + "']"));
  }

  /** Waits until the file's row reaches a final state and returns it. */
  private WebElement finished(String fileName) {
    return finished(fileName, Duration.ofSeconds(60));
  }

  private WebElement finished(String fileName, Duration timeout) {
    waitUntil(
        timeout,
        () -> {
          List<WebElement> rows =
              browser.findElements(By.cssSelector("#upload-list li[data-file='" + fileName + "']"));
          return !rows.isEmpty()
              && List.of("done", "sent", "error", "refused", "cancelled")
                  .contains(rows.get(0).getAttribute("data-state"));
        });
    return row(fileName);
  }

  private static void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, timeout).until(driver -> condition.getAsBoolean());
  }

  /**
   * Makes the page's ticket requests declare something other than the file: {@code change} is a
   * statement on {@code body}, the parsed request.
   */
  private static void declareDifferently(String change) {
    browser.executeScript(
        "const original = window.fetch;"
            + "window.fetch = (url, init) => {"
            + "  const body = JSON.parse(init.body); "
            + change
            + "  return original(url, {...init, body: JSON.stringify(body)}); };");
  }

  private HeadObjectResponse stored(String key) {
    return s3.headObject(b -> b.bucket(TestStore.bucket()).key(key));
  }

  private String status() {
    return browser.findElement(By.id("upload-status")).getAttribute("textContent");
  }

  @Test
  void uploadsSeveralFilesStraightToTheStoreEncrypted() throws Exception {
    Path small = pdf("small report.pdf", 2_000);
    Path larger = pdf("larger.pdf", 700_000);

    choose(small, larger);

    for (Path file : List.of(small, larger)) {
      WebElement row = finished(file.getFileName().toString());
      assertEquals("done", row.getAttribute("data-state"), row.getText());
      String key = row.getAttribute("data-key");
      assertTrue(key.startsWith(People.ALICE.segment()), key);
      assertTrue(row.getText().contains(key), row.getText());
      assertEquals("100", row.findElement(By.tagName("progress")).getAttribute("value"));
      HeadObjectResponse head = stored(key);
      assertEquals("AES256", head.serverSideEncryptionAsString());
      assertEquals("application/pdf", head.contentType());
      assertEquals(Files.size(file), head.contentLength());
    }
    assertTrue(status().contains("is stored as"), status());
  }

  @Test
  void theRowShowsTheCheckedRecordAndMyUploadsFetchesAndDeletesTheFile() throws Exception {
    Path file = pdf("mine to fetch.pdf", 3_072);

    choose(file);

    WebElement row = finished("mine to fetch.pdf");
    assertEquals("done", row.getAttribute("data-state"), row.getText());
    assertEquals("stored", row.getAttribute("data-record-state"), "the server checked the object");
    String key = row.getAttribute("data-key");

    browser.findElement(By.id("my-uploads")).click();
    WebElement record = recordRow("mine to fetch.pdf");
    assertEquals("stored", record.getAttribute("data-state"));
    assertTrue(record.getText().contains("3 KB"), record.getText());

    // the browser's own session follows the download link; its file lands on disk, so the test
    // follows the same link with the same cookies to see the answer and the bytes
    String link = record.findElement(By.cssSelector("a.download")).getAttribute("href");
    HttpResponse<byte[]> redirect = withBrowserCookies(link);
    assertEquals(303, redirect.statusCode());
    HttpResponse<byte[]> download =
        Http.sendBytes(
            HttpRequest.newBuilder(
                    URI.create(redirect.headers().firstValue("Location").orElseThrow()))
                .GET()
                .build());
    assertEquals(200, download.statusCode());
    assertArrayEquals(Files.readAllBytes(file), download.body());
    String disposition = download.headers().firstValue("Content-Disposition").orElse("");
    assertTrue(disposition.startsWith("attachment;"), disposition);
    assertTrue(disposition.contains("filename*=UTF-8''mine%20to%20fetch.pdf"), disposition);

    record.findElement(By.cssSelector("form.delete button")).click();
    waitUntil(
        Duration.ofSeconds(30),
        () ->
            browser.findElements(By.id("outcome")).stream()
                .anyMatch(p -> p.getText().contains("is deleted")));
    assertEquals("deleted", recordRow("mine to fetch.pdf").getAttribute("data-state"));
    assertThrows(NoSuchKeyException.class, () -> stored(key));
  }

  private WebElement recordRow(String fileName) {
    waitUntil(
        Duration.ofSeconds(30),
        () ->
            browser.findElements(By.cssSelector("tr.upload-record")).stream()
                .anyMatch(r -> r.findElement(By.className("name")).getText().startsWith(fileName)));
    return browser.findElements(By.cssSelector("tr.upload-record")).stream()
        .filter(r -> r.findElement(By.className("name")).getText().startsWith(fileName))
        .findFirst()
        .orElseThrow();
  }

  private HttpResponse<byte[]> withBrowserCookies(String url) throws Exception {
    String cookies =
        browser.manage().getCookies().stream()
            .map(cookie -> cookie.getName() + "=" + cookie.getValue())
            .collect(Collectors.joining("; "));
    return Http.sendBytes(
        HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).GET().build());
  }

  @Test
  void filesDroppedOnThePageAreUploaded() {
    browser.executeScript(
        "const file = new File(['%PDF-1.4 dropped'], 'dropped.pdf', {type: 'application/pdf'});"
            + "const data = new DataTransfer(); data.items.add(file);"
            + "document.body.dispatchEvent(new DragEvent('drop',"
            + " {dataTransfer: data, bubbles: true, cancelable: true}));");

    WebElement row = finished("dropped.pdf");

    assertEquals("done", row.getAttribute("data-state"), row.getText());
    assertEquals("AES256", stored(row.getAttribute("data-key")).serverSideEncryptionAsString());
  }

  @Test
  void refusesWrongTypeAndOversizeBeforeAskingTheServer() throws Exception {
    Path text = Files.writeString(files.resolve("notes.txt"), "plain text");
    Path huge = pdf("huge.pdf", (int) TestStore.settings().maxSize() + 1);

    choose(text, huge);

    WebElement typeRow = finished("notes.txt");
    assertEquals("refused", typeRow.getAttribute("data-state"));
    assertTrue(
        typeRow.getText().contains("files of type text/plain are not accepted here"),
        typeRow.getText());
    WebElement sizeRow = finished("huge.pdf");
    assertEquals("refused", sizeRow.getAttribute("data-state"));
    assertTrue(sizeRow.getText().contains("the largest file accepted is 40 MB"), sizeRow.getText());
  }

  @Test
  void showsTheServersReasonWhenTheAppRefuses() throws Exception {
    // the page would refuse this itself; declare another type to reach the server's check
    declareDifferently("body.contentType = 'image/png';");

    choose(pdf("declared-png.pdf", 100));

    WebElement row = finished("declared-png.pdf");
    assertEquals("error", row.getAttribute("data-state"));
    assertTrue(
        row.getText()
            .contains(
                "“declared-png.pdf” was refused: Files of type image/png are not accepted here."),
        row.getText());
  }

  @Test
  void saysSoWhenTheAnswerIsNotATicket() throws Exception {
    // what a sign-in page or a proxy's error page in front of the application looks like
    browser.executeScript(
        "window.fetch = () => Promise.resolve(new Response('<html>Please sign in</html>',"
            + " {status: 200, headers: {'Content-Type': 'text/html'}}));");

    choose(pdf("intercepted.pdf", 100));

    WebElement row = finished("intercepted.pdf");
    assertEquals("error", row.getAttribute("data-state"));
    assertTrue(
        row.getText()
            .contains("the application answered with something that is not an upload ticket"),
        row.getText());
  }

  @Test
  void showsStatusAndCodeWhenTheStoreRejects() throws Exception {
    // a ticket for one byte more than the file: the store checks the signed length
    declareDifferently("body.size += 1;");

    choose(pdf("wrong-length.pdf", 100));

    WebElement row = finished("wrong-length.pdf");
    assertEquals("error", row.getAttribute("data-state"));
    assertTrue(
        row.getText()
            .contains(
                "“wrong-length.pdf” was rejected by the storage (HTTP 403, SignatureDoesNotMatch)"),
        row.getText());
  }

  @Test
  void asksAgainWhileTheApplicationCannotCheckAndShowsTheStoredFileOnceItCan() throws Exception {
    // the first two requests to check the file answer 503, as while the server restarts
    browser.executeScript(
        "const original = window.fetch; window.refusedChecks = 0;"
            + "window.fetch = (url, init) => String(url).endsWith('/complete')"
            + "    && window.refusedChecks++ < 2"
            + "  ? Promise.resolve(new Response(JSON.stringify({error: 'storage_unavailable',"
            + "      message: 'The storage cannot be reached just now.'}),"
            + "      {status: 503, headers: {'Content-Type': 'application/json'}}))"
            + "  : original(url, init);");

    choose(pdf("after a restart.pdf", 1_000));

    WebElement row = finished("after a restart.pdf");
    assertEquals("done", row.getAttribute("data-state"), row.getText());
    assertEquals("stored", row.getAttribute("data-record-state"));
    assertEquals(3L, browser.executeScript("return window.refusedChecks;"));
  }

  @Test
  void saysASentFileWillBeCheckedLaterWhenTheApplicationCannotBeAskedToCheckIt() throws Exception {
    // every request to check the file gets no answer, as when the application is down
    browser.executeScript(
        "const original = window.fetch;"
            + "window.fetch = (url, init) => String(url).endsWith('/complete')"
            + "  ? Promise.reject(new TypeError('Failed to fetch')) : original(url, init);");

    choose(pdf("checked later.pdf", 1_000));

    // five pauses of 1, 2, 4, 8 and 15 seconds before the page gives up
    WebElement row = finished("checked later.pdf", Duration.ofSeconds(120));
    assertEquals("sent", row.getAttribute("data-state"), row.getText());
    assertEquals("unchecked", row.getAttribute("data-record-state"));
    assertTrue(
        row.getText()
            .contains(
                "“checked later.pdf” reached the storage, but the application could not check it"
                    + " yet: the application could not be reached. It will check the file by"
                    + " itself later, so there is no need to upload it again"),
        row.getText());
    assertEquals(
        Files.size(files.resolve("checked later.pdf")),
        stored(row.getAttribute("data-key")).contentLength());
  }

  @Test
  void cancelStopsAnUploadInFlight() throws Exception {
    ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
    slow.setLatency(Duration.ofMillis(5));
    slow.setDownloadThroughput(10_000_000);
    slow.setUploadThroughput(100_000);
    browser.setNetworkConditions(slow);

    choose(pdf("slow.pdf", 2_000_000));
    WebElement row = row("slow.pdf");
    waitUntil(
        Duration.ofSeconds(20),
        () -> {
          String value = row.findElement(By.tagName("progress")).getAttribute("value");
          return Integer.parseInt(value) > 0;
        });
    int progress = Integer.parseInt(row.findElement(By.tagName("progress")).getAttribute("value"));
    row.findElement(By.cssSelector("button.cancel")).click();

    WebElement done = finished("slow.pdf");
    assertTrue(progress > 0 && progress < 100, "progress was " + progress);
    assertEquals("cancelled", done.getAttribute("data-state"));
    assertTrue(status().contains("upload cancelled"), status());
  }

  @Test
  void explainsWhenTheBucketsCorsRuleOmitsTheEncryptionHeader() throws Exception {
    List<String> withoutEncryption =
        TestStore.store().corsHeaders().stream()
            .filter(header -> !header.equals("x-amz-server-side-encryption"))
            .toList();
    TestStore.store().restartAllowingHeaders(withoutEncryption);
    currentCorsHeaders = withoutEncryption;

    choose(pdf("blocked.pdf", 1_000));

    WebElement row = finished("blocked.pdf");
    assertEquals("error", row.getAttribute("data-state"));
    assertTrue(
        row.getText().contains("“blocked.pdf” could not be sent to the storage"), row.getText());
    assertTrue(row.getText().contains("CORS rule"), row.getText());
    assertTrue(status().contains("CORS rule"), status());
  }

  @Test
  void anEmbeddingPageCanInterceptEventsOnTheDocument() throws Exception {
    // the events bubble to the document; cancelling them replaces what the uploader does
    browser.executeScript(
        "window.seen = [];"
            + "document.addEventListener('upload:start', e => {"
            + "  window.seen.push('start ' + e.detail.file.name);"
            + "  if (e.detail.file.name === 'skipped.pdf') e.preventDefault(); });"
            + "document.addEventListener('upload:done', e => {"
            + "  window.seen.push('done ' + e.detail.key); e.preventDefault(); });");

    choose(pdf("skipped.pdf", 100));
    WebElement skipped = finished("skipped.pdf");
    choose(pdf("intercepted-outcome.pdf", 100));
    WebElement done = finished("intercepted-outcome.pdf");

    assertEquals("cancelled", skipped.getAttribute("data-state"));
    assertEquals("done", done.getAttribute("data-state"));
    String key = done.getAttribute("data-key");
    assertTrue(key.startsWith(People.ALICE.segment()), key);
    assertEquals("", done.findElement(By.className("outcome")).getText(), "no default outcome");
    assertEquals(
        List.of("start skipped.pdf", "start intercepted-outcome.pdf", "done " + key),
        browser.executeScript("return window.seen;"));
    assertEquals("application/pdf", stored(key).contentType());
  }
}
