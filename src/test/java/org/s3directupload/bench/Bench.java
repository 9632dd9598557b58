package org.s3directupload.bench;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./bench.sh}: every benchmark section, a table on the console and {@code
 * target/bench/report.md}. Every figure is a ratio measured side by side in the same run, because
 * absolute figures on a shared machine wander from run to run (docs/performance.md).
 *
 * <p>Arguments: {@code --quick} (shorter runs, a smaller file), and the sections to run ({@code
 * tickets}, {@code burst}, {@code bytes}, {@code signing}, {@code faults}); all but {@code faults}
 * when none is named. {@code --war=path} measures another build of the WAR (e.g. of an earlier
 * commit, for a before/after ratio); {@code --server-jvm=option} adds an option to the server's JVM
 * (e.g. a flight recording); {@code --shared-database} puts the limits and records in a database
 * server reached over TCP, as several instances would share one, instead of in the server's JVM.
 * System properties {@code bench.micro.jar} and {@code bench.war} are set by the build.
 */
public final class Bench {

  static final List<String> SECTIONS = List.of("tickets", "burst", "bytes", "signing", "faults");
  static final List<String> DEFAULT_SECTIONS = List.of("tickets", "burst", "bytes", "signing");

  private Bench() {}

  /** {@code --serve}: starts what the benchmark runs against and waits, for profiling by hand. */
  private static void serve(
      Path work, Path microJar, Path war, List<String> jvm, boolean sharedDatabase)
      throws Exception {
    try (BenchServers servers =
        BenchServers.start(work, microJar, war, jvm, Map.of(), false, sharedDatabase)) {
      System.out.printf(
          Locale.ROOT,
          "%nServing %s (people %s..%s%d, password %s), floor %s, database %s. Ctrl-C stops.%n",
          servers.app(""),
          BenchServers.PERSON,
          BenchServers.PERSON,
          BenchServers.PEOPLE,
          BenchServers.PASSWORD,
          servers.app("floor/api/floor"),
          servers.jdbcUrl());
      Thread.currentThread().join();
    }
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    boolean serve = false;
    boolean sharedDatabase = false;
    Path war = Path.of(System.getProperty("bench.war"));
    Set<String> sections = new LinkedHashSet<>();
    List<String> serverJvmOptions = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String arg : args) {
      words.addAll(List.of(arg.trim().split("\\s+"))); // the build passes them as one
    }
    for (String arg : words) {
      if (arg.equals("--serve")) {
        serve = true;
      } else if (arg.equals("--shared-database")) {
        sharedDatabase = true;
      } else if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.startsWith("--war=")) {
        war = Path.of(arg.substring("--war=".length()));
      } else if (arg.startsWith("--server-jvm=")) {
        serverJvmOptions.add(arg.substring("--server-jvm=".length()));
      } else if (SECTIONS.contains(arg)) {
        sections.add(arg);
      } else if (!arg.isBlank()) {
        System.err.println(
            "Unknown argument '"
                + arg
                + "'. Use --quick, --shared-database, --war=path, --server-jvm=option, --serve"
                + " and any of "
                + String.join(", ", SECTIONS));
        System.exit(2);
      }
    }
    if (sections.isEmpty()) {
      sections.addAll(DEFAULT_SECTIONS);
    }
    Path work = Path.of("target", "bench");
    Files.createDirectories(work);
    Path microJar = Path.of(System.getProperty("bench.micro.jar"));

    if (serve) {
      serve(work, microJar, war, serverJvmOptions, sharedDatabase);
      return;
    }
    Report report = new Report();
    Instant started = Instant.now();
    System.out.printf(
        Locale.ROOT,
        "%nBenchmark%s%s: %s on %d cores, Java %s%n%n",
        quick ? " (quick)" : "",
        sharedDatabase ? " (shared database)" : "",
        String.join(", ", sections),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    System.out.printf(
        Locale.ROOT,
        "  %-10s %-44s %18s %18s %10s%n",
        "section",
        "measured",
        "ours",
        "reference",
        "ratio");
    if (sections.contains("signing")) {
      SigningBench.run(report, quick);
    }
    boolean needsServers =
        sections.stream().anyMatch(s -> List.of("tickets", "burst", "bytes").contains(s));
    if (needsServers) {
      try (BenchServers servers =
          BenchServers.start(
              work, microJar, war, serverJvmOptions, Map.of(), false, sharedDatabase)) {
        if (sections.contains("tickets")) {
          TicketsBench.run(servers, report, quick);
        }
        if (sections.contains("burst")) {
          BurstBench.run(servers, report);
        }
        if (sections.contains("bytes")) {
          BytesBench.run(servers, report, quick);
        }
      }
    }
    if (sections.contains("faults")) {
      Faults.run(work, microJar, war, report);
    }
    Duration took = Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS);
    String heading =
        String.format(
            Locale.ROOT,
            "# Benchmark report%n%n%s%s%s, %s, on %s (%d cores, Java %s), took %s.",
            started.truncatedTo(ChronoUnit.SECONDS),
            quick ? " (quick)" : "",
            sharedDatabase ? " (shared database)" : "",
            String.join(", ", sections),
            InetAddress.getLocalHost().getHostName(),
            Runtime.getRuntime().availableProcessors(),
            Runtime.version(),
            took.toString().substring(2).toLowerCase(Locale.ROOT));
    Path file = work.resolve("report.md");
    report.write(file, heading);
    System.out.printf(Locale.ROOT, "%nWritten to %s (took %s).%n", file, took);
    boolean failed = report.rows().stream().anyMatch(row -> row.ratio().equals("FAILED"));
    System.exit(failed ? 1 : 0);
  }
}
