package org.s3directupload.bench;

import java.io.OutputStream;
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
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Bytes: one large file through the upload page in headless Chromium, which sends it in parts (part
 * SHA-256s, part URLs signed just in time, four parts in flight, completion and check), against
 * {@code curl} {@code PUT}ting the same file whole to the same store with a plain presigned URL,
 * and how much the page's JavaScript heap grows meanwhile. The store checks each part's SHA-256;
 * curl's plain PUT sends none, so the floor does less than the page.
 */
final class BytesBench {

  private static final long MIB = 1L << 20;

  private BytesBench() {}

  static void run(BenchServers servers, Report report, boolean quick) throws Exception {
    long size = (quick ? 256 : 1024) * MIB;
    Path file = servers.work.resolve("large-" + size / MIB + "MiB.pdf");
    write(file, size);
    String mib = size / MIB + " MiB";

    double curlSeconds = curlPut(servers, file);
    double peerSeconds = PartsPeer.upload(servers, file, size);
    Page page = throughThePage(servers, file);

    double curlRate = size / MIB / curlSeconds;
    double pageRate = size / MIB / page.totalSeconds();
    report.add(
        "bytes",
        mib + " through the page, in parts: MiB/s",
        Wrk.format(pageRate) + " MiB/s",
        "curl " + Wrk.format(curlRate) + " MiB/s",
        Report.ratio(pageRate, curlRate));
    double peerRate = size / MIB / peerSeconds;
    report.add(
        "bytes",
        mib + " in parts: page against the same API calls from Java",
        Wrk.format(pageRate) + " MiB/s",
        "Java " + Wrk.format(peerRate) + " MiB/s",
        Report.ratio(pageRate, peerRate));
    report.add(
        "bytes",
        mib + ": page's JS heap growth, at most",
        Wrk.format(page.heapGrowth() / (double) MIB) + " MiB",
        "file " + mib,
        String.format(Locale.ROOT, "%.3f", page.heapGrowth() / (double) size));
    report.add(
        "bytes",
        mib + ": Chromium's memory growth (all processes, PSS), at most",
        Wrk.format(page.browserGrowth() / (double) MIB) + " MiB",
        "file " + mib,
        String.format(Locale.ROOT, "%.3f", page.browserGrowth() / (double) size));
    report.note(
        String.format(
            Locale.ROOT,
            "bytes: the page took %.1f s for %s in %d parts, from choosing the file to its checked"
                + " record (ticket, part SHA-256s, part URLs, PUTs, completion, check); curl's"
                + " plain PUT took %.1f s; the same API calls in parts from Java (SHA-256s, four"
                + " parts in flight, complete) %.1f s; heap ratio is growth / file size (lower is"
                + " better)",
            page.totalSeconds(),
            mib,
            page.parts(),
            curlSeconds,
            peerSeconds));
    Files.delete(file);
  }

  /** Writes {@code size} pseudo-random bytes starting like a PDF; answers their SHA-256. */
  static String write(Path file, long size) throws Exception {
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

  /**
   * {@code curl}'s PUT of the whole file with a plain presigned URL (the store's own encryption
   * header, nothing else); answers its seconds.
   */
  private static double curlPut(BenchServers servers, Path file) throws Exception {
    String key = "bench/curl-" + System.nanoTime() + ".pdf";
    String url;
    try (S3Presigner presigner = servers.store.presigner()) {
      url =
          presigner
              .presignPutObject(
                  b ->
                      b.signatureDuration(Duration.ofMinutes(10))
                          .putObjectRequest(
                              p ->
                                  p.bucket("uploads")
                                      .key(key)
                                      .serverSideEncryption(ServerSideEncryption.AES256)))
              .url()
              .toString();
    }
    List<String> command =
        new ArrayList<>(
            List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT"));
    command.addAll(List.of("-H", "x-amz-server-side-encryption: AES256"));
    command.addAll(List.of("-H", "Expect:")); // send the body at once, as a browser does
    command.addAll(List.of("-T", file.toString(), url));
    long started = System.nanoTime();
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    curl.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!output.trim().equals("200")) {
      // never print the command: it holds the presigned URL
      throw new IllegalStateException("curl's PUT was not stored: HTTP " + output.trim());
    }
    deleteObject(servers, key);
    return seconds;
  }

  record Page(double totalSeconds, int parts, long heapGrowth, long browserGrowth) {}

  private static Page throughThePage(BenchServers servers, Path file) throws Exception {
    ChromeDriver browser = Browsers.headlessChromium("--js-flags=--expose-gc");
    try {
      TheApp app = new TheApp(servers.app(""));
      Browsers.signIn(browser, app, BenchServers.PERSON, BenchServers.PASSWORD, "index.xhtml");
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(d -> "true".equals(d.findElement(By.id("uploader")).getAttribute("data-ready")));
      long baseline = heap(browser, true);
      long highest = baseline;
      long browserBaseline = browserMemory();
      long browserHighest = browserBaseline;
      long started = System.nanoTime();
      browser.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
      String name = file.getFileName().toString();
      String state = "";
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (System.nanoTime() < deadline) {
        highest = Math.max(highest, heap(browser, false));
        browserHighest = Math.max(browserHighest, browserMemory());
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
      Number parts =
          (Number)
              browser.executeScript(
                  "return performance.getEntriesByType('resource')"
                      + ".filter(e => e.name.startsWith(arguments[0])).length;",
                  servers.store.endpoint().toString());
      String key =
          browser
              .findElement(By.cssSelector("#upload-list li[data-file='" + name + "']"))
              .getAttribute("data-key");
      deleteObject(servers, key);
      return new Page(
          total, parts.intValue(), highest - baseline, browserHighest - browserBaseline);
    } finally {
      browser.quit();
    }
  }

  /**
   * The memory of every Chromium process this benchmark started (browser, renderers, workers,
   * network): the sum of their proportional set sizes, in bytes. Stricter than the page's heap: it
   * counts the hashing worker, blob reads and the network's buffers too.
   */
  private static long browserMemory() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().map(c -> c.contains("chromium")).orElse(false))
        .mapToLong(BytesBench::proportionalSetSize)
        .sum();
  }

  private static long proportionalSetSize(ProcessHandle process) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | RuntimeException gone) {
      // the process ended meanwhile
    }
    return 0;
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
