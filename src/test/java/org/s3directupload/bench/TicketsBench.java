package org.s3directupload.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Tickets against the floor: {@code POST /api/uploads} as signed-in scripts (HTTP Basic, one person
 * per connection, so that n clients are n people) against the floor WAR's empty {@code POST} on the
 * same server, at 1, 16 and 64 connections, one right after the other, so that both meet the same
 * machine at the same moment.
 */
final class TicketsBench {

  static final String TICKET_REQUEST =
      "{\"filename\":\"Quarterly report.pdf\",\"contentType\":\"application/pdf\",\"size\":48213,"
          + "\"checksumSha256\":\"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=\"}";

  static final List<Integer> CLIENTS = List.of(1, 16, 64);

  private TicketsBench() {}

  static void run(BenchServers servers, Report report, boolean quick) throws Exception {
    Duration warmUp = Duration.ofSeconds(quick ? 5 : 15);
    Duration each = Duration.ofSeconds(quick ? 5 : 15);
    // the optimising compiler settles both paths before anything is counted
    ours(servers, 16, warmUp);
    floor(servers, 16, warmUp);
    for (int clients : CLIENTS) {
      Wrk.Result floor = floor(servers, clients, each);
      Wrk.Result ours = ours(servers, clients, each);
      String at = clients + (clients == 1 ? " client" : " clients");
      report.add(
          "tickets",
          at + ": requests/s",
          Wrk.format(ours.requestsPerSecond()) + "/s",
          "floor " + Wrk.format(floor.requestsPerSecond()) + "/s",
          Report.ratio(ours.requestsPerSecond(), floor.requestsPerSecond()));
      report.add(
          "tickets",
          at + ": p50 latency",
          Wrk.format(ours.p50Millis()) + " ms",
          "floor " + Wrk.format(floor.p50Millis()) + " ms",
          Report.ratio(floor.p50Millis(), ours.p50Millis()));
      report.add(
          "tickets",
          at + ": p99 latency",
          Wrk.format(ours.p99Millis()) + " ms",
          "floor " + Wrk.format(floor.p99Millis()) + " ms",
          Report.ratio(floor.p99Millis(), ours.p99Millis()));
      if (ours.errors() + floor.errors() > 0) {
        report.note(
            String.format(
                Locale.ROOT,
                "%s: %d of %d ticket requests and %d of %d floor requests failed",
                at,
                ours.errors(),
                ours.requests(),
                floor.errors(),
                floor.requests()));
      }
    }
  }

  static Wrk.Result ours(BenchServers servers, int clients, Duration duration) throws Exception {
    return Wrk.post(
        servers.app("api/uploads"),
        TICKET_REQUEST,
        BenchServers.people().subList(0, clients).stream().map(BenchServers::basic).toList(),
        clients,
        duration,
        servers.work);
  }

  static Wrk.Result floor(BenchServers servers, int clients, Duration duration) throws Exception {
    return Wrk.post(
        servers.app("floor/api/floor"), TICKET_REQUEST, List.of(), clients, duration, servers.work);
  }
}
