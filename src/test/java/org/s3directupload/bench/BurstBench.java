package org.s3directupload.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A burst: exactly 10,000 ticket requests from 64 clients at once, for one person; then what the
 * database counted for that person, which must be exactly the tickets issued, in the limits and in
 * the records alike.
 */
final class BurstBench {

  static final int TICKETS = 10_000;
  static final int CLIENTS = 64;

  private BurstBench() {}

  static void run(BenchServers servers, Report report) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(servers.app("api/uploads"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", BenchServers.basic(BenchServers.BURST_PERSON))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(TicketsBench.TICKET_REQUEST))
            .build();
    AtomicInteger left = new AtomicInteger(TICKETS);
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    long started = System.nanoTime();
    for (int i = 0; i < CLIENTS; i++) {
      clients.execute(
          () -> {
            while (left.getAndDecrement() > 0) {
              String outcome;
              try {
                outcome =
                    Integer.toString(
                        client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
              } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
              }
              outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
            }
          });
    }
    clients.shutdown();
    if (!clients.awaitTermination(10, TimeUnit.MINUTES)) {
      clients.shutdownNow();
      throw new IllegalStateException("the burst did not finish in 10 minutes");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Long> counted = new TreeMap<>();
    outcomes.forEach((outcome, n) -> counted.put(outcome, n.sum()));
    long issued = counted.getOrDefault("201", 0L);
    long errors = TICKETS - issued;

    long limitCount =
        count(servers, "SELECT SUM(AMOUNT) FROM S3DU_USAGE WHERE PERSON = ? AND KIND = 'tickets'");
    long records = count(servers, "SELECT COUNT(*) FROM S3DU_UPLOADS WHERE PERSON = ?");

    report.add(
        "burst",
        TICKETS + " tickets, " + CLIENTS + " clients: errors",
        Long.toString(errors),
        "goal 0",
        errors == 0 ? "ok" : "FAILED");
    report.add(
        "burst",
        "tickets the limits counted",
        Long.toString(limitCount),
        "issued " + issued,
        limitCount == issued ? "exact" : "FAILED");
    report.add(
        "burst",
        "records written",
        Long.toString(records),
        "issued " + issued,
        records == issued ? "exact" : "FAILED");
    report.add("burst", "throughput", Wrk.format(TICKETS / seconds) + "/s", "", "");
    if (errors > 0) {
      report.note("burst outcomes: " + counted);
    }
  }

  private static long count(BenchServers servers, String sql) throws Exception {
    try (Connection connection = servers.database();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, BenchServers.BURST_PERSON);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }
}
