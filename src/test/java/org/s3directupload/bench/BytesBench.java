package org.s3directupload.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.s3directupload.it.Browsers;
import org.s3directupload.it.TheApp;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bytes: one large file through the upload page in headless Chromium (hash, ticket, {@code PUT},
 * check) against {@code curl} {@code PUT}ting the same file with a ticket to the same store, and
 * how much the page's JavaScript heap grows meanwhile. Both send the declared SHA-256, so the store
 * checks it in both.
 */
final class BytesBench {

  private static final long MIB = 1L << 20;

  private BytesBench() {}

  static void run(BenchServers servers, Report report, boolean quick) throws Exception {
    long size = (quick ? 128 : 512) * MIB;
    Path file = servers.work.resolve("large-" + size / MIB + "MiB.pdf");
    String checksum = write(file, size);
    String mib = size / MIB + " MiB";

    double curlSeconds = curlPut(servers, file, size, checksum);
    Page page = throughThePage(servers, file);

    double curlRate = size / MIB / curlSeconds;
    double pagePutRate = size / MIB / page.putSeconds();
    double pageTotalRate = size / MIB / page.totalSeconds();
    report.add(
        "bytes",
        mib + " through the page: PUT MiB/s",
        Wrk.format(pagePutRate) + " MiB/s",
        "curl " + Wrk.format(curlRate) + " MiB/s",
        Report.ratio(pagePutRate, curlRate));
    report.add(
        "bytes",
        mib + " through the page: all steps MiB/s",
        Wrk.format(pageTotalRate) + " MiB/s",
        "curl " + Wrk.format(curlRate) + " MiB/s",
        Report.ratio(pageTotalRate, curlRate));
    report.add(
        "bytes",
        mib + ": page's JS heap growth, at most",
        Wrk.format(page.heapGrowth() / (double) MIB) + " MiB",
        "file " + mib,
        String.format(Locale.ROOT, "%.3f", page.heapGrowth() / (double) size));
    report.note(
        String.format(
            Locale.ROOT,
            "bytes: the page took %.1f s in all for %s (SHA-256 slice by slice, ticket, PUT %.1f s,"
                + " check); curl's PUT took %.1f s; heap ratio is growth / file size (lower is"
                + " better)",
            page.totalSeconds(),
            mib,
            page.putSeconds(),
            curlSeconds));
    Files.delete(file);
  }

  /** Writes {@code size} pseudo-random bytes starting like a PDF; answers their SHA-256. */
  private static String write(Path file, long size) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[(int) MIB];
    Random random = new Random(size);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += block.length) {
        random.nextBytes(block);
        if (written == 0) {
          byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
          System.arraycopy(header, 0, block, 0, header.length);
        }
        int length = (int) Math.min(block.length, size - written);
        out.write(block, 0, length);
        sha256.update(block, 0, length);
      }
    }
    return Base64.getEncoder().encodeToString(sha256.digest());
  }

  /** A ticket over the API, then {@code curl}'s PUT of the file; answers the PUT's seconds. */
  private static double curlPut(BenchServers servers, Path file, long size, String checksum)
      throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(servers.app("api/uploads"))
                .header("Authorization", BenchServers.basic(BenchServers.PERSON))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"filename\":\"curl.pdf\",\"contentType\":\"application/pdf\",\"size\":"
                            + size
                            + ",\"checksumSha256\":\""
                            + checksum
                            + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("no ticket for curl: " + answer.body());
    }
    JsonObject ticket;
    try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
      ticket = reader.readObject();
    }
    List<String> command =
        new ArrayList<>(
            List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT"));
    ticket
        .getJsonObject("headers")
        .forEach(
            (name, value) -> {
              command.add("-H");
              command.add(name + ": " + ((JsonString) value).getString());
            });
    command.add("-H");
    command.add("Expect:"); // send the body at once, as a browser does
    command.add("-T");
    command.add(file.toString());
    command.add(ticket.getString("url"));
    long started = System.nanoTime();
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    curl.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!output.trim().equals("200")) {
      // never print the command: it holds the presigned URL
      throw new IllegalStateException("curl's PUT was not stored: HTTP " + output.trim());
    }
    deleteObject(servers, ticket.getString("key"));
    return seconds;
  }

  record Page(double totalSeconds, double putSeconds, long heapGrowth) {}

  private static Page throughThePage(BenchServers servers, Path file) throws Exception {
    ChromeDriver browser = Browsers.headlessChromium("--js-flags=--expose-gc");
    try {
      TheApp app = new TheApp(servers.app(""));
      Browsers.signIn(browser, app, BenchServers.PERSON, BenchServers.PASSWORD, "index.xhtml");
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(d -> "true".equals(d.findElement(By.id("uploader")).getAttribute("data-ready")));
      long baseline = heap(browser, true);
      long highest = baseline;
      long started = System.nanoTime();
      browser.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
      String name = file.getFileName().toString();
      String state = "";
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (System.nanoTime() < deadline) {
        highest = Math.max(highest, heap(browser, false));
        state =
            (String)
                browser.executeScript(
                    "const row = document.querySelector(`#upload-list li[data-file='${arguments[0]}']`);"
                        + " return row ? row.dataset.state || '' : '';",
                    name);
        if (List.of("done", "error", "refused", "cancelled").contains(state)) {
          break;
        }
        Thread.sleep(200);
      }
      double total = (System.nanoTime() - started) / 1e9;
      if (!state.equals("done")) {
        throw new IllegalStateException(
            "the page did not store the file (state '"
                + state
                + "'): "
                + browser.findElement(By.id("upload-list")).getText());
      }
      Number put =
          (Number)
              browser.executeScript(
                  "const puts = performance.getEntriesByType('resource')"
                      + ".filter(e => e.name.startsWith(arguments[0]));"
                      + " return puts.length ? puts[puts.length - 1].duration : -1;",
                  servers.store.endpoint().toString());
      String key =
          browser
              .findElement(By.cssSelector("#upload-list li[data-file='" + name + "']"))
              .getAttribute("data-key");
      deleteObject(servers, key);
      return new Page(total, put.doubleValue() / 1000, highest - baseline);
    } finally {
      browser.quit();
    }
  }

  /** The page's JS heap in use, after a full collection when {@code collect}. */
  private static long heap(ChromeDriver browser, boolean collect) {
    Number used =
        (Number)
            browser.executeScript(
                (collect ? "if (window.gc) { window.gc(); } " : "")
                    + "return performance.memory.usedJSHeapSize;");
    return used.longValue();
  }

  private static void deleteObject(BenchServers servers, String key) {
    try (S3Client s3 = servers.store.client()) {
      s3.deleteObject(b -> b.bucket("uploads").key(key));
    }
  }
}
