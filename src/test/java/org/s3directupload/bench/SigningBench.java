package org.s3directupload.bench;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The {@code signing} section: {@link SigningBenchmark} run in one forked JVM, our tickets' times
 * set against the SDK's presigner measured in the same run.
 */
public final class SigningBench {

  private static final String SECTION = "signing";

  private SigningBench() {}

  /**
   * Runs the benchmark and adds its rows and notes to {@code report}.
   *
   * @param quick 2 warm-up and 3 measured iterations of 1 s instead of 3 and 5 of 2 s
   */
  public static void run(Report report, boolean quick) throws Exception {
    Options options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(SigningBenchmark.class.getName()) + "\\.")
            .forks(1)
            .warmupIterations(quick ? 2 : 3)
            .warmupTime(TimeValue.seconds(quick ? 1 : 2))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .shouldFailOnError(true)
            .build();
    Map<String, Result<?>> results = byMethod(new Runner(options).run());
    Result<?> v4 = result(results, "oursV4");
    Result<?> v2 = result(results, "oursV2");
    Result<?> presigner = result(results, "presignerV4");

    String reference = "S3Presigner " + micros(presigner);
    report.add(
        SECTION,
        "v4 ticket, ours",
        micros(v4),
        reference,
        Report.ratio(presigner.getScore(), v4.getScore()));
    report.add(
        SECTION,
        "v2 ticket, ours",
        micros(v2),
        reference,
        Report.ratio(presigner.getScore(), v2.getScore()));
    report.note(
        "signing: one ticket for a 48,213-byte PDF (AES256, declared SHA-256, uploader and id"
            + " metadata), average time in one JMH fork; ratio = presigner time / ours, above 1"
            + " means ours is faster. A ticket is more than its signature: also the key, the id"
            + " and the headers (SigV4QuerySigner signs the same URL as the S3Presigner, held"
            + " equal by a unit test).");
    report.note(
        "signing: the SDK has no SigV2 presigner, so our v2 ticket is set against its v4"
            + " presigner.");
    report.note(
        String.format(
            Locale.ROOT,
            "signing: 99.9%% error: ours v4 ± %.2f µs, ours v2 ± %.2f µs, S3Presigner ± %.2f µs.",
            v4.getScoreError(),
            v2.getScoreError(),
            presigner.getScoreError()));
  }

  private static Map<String, Result<?>> byMethod(Collection<RunResult> runs) {
    return runs.stream()
        .collect(
            Collectors.toMap(
                run -> {
                  String benchmark = run.getParams().getBenchmark();
                  return benchmark.substring(benchmark.lastIndexOf('.') + 1);
                },
                RunResult::getPrimaryResult));
  }

  private static Result<?> result(Map<String, Result<?>> results, String method) {
    Result<?> result = results.get(method);
    if (result == null) {
      throw new IllegalStateException(
          "JMH returned no result for SigningBenchmark." + method + "; it had " + results.keySet());
    }
    if (!"us/op".equals(result.getScoreUnit())) {
      throw new IllegalStateException(
          method + " was measured in " + result.getScoreUnit() + ", not us/op");
    }
    return result;
  }

  private static String micros(Result<?> result) {
    return String.format(Locale.ROOT, "%.1f µs", result.getScore());
  }

  /** Runs the signing section alone, quick unless {@code --full} is given, and prints it. */
  public static void main(String[] args) throws Exception {
    boolean quick = !List.of(args).contains("--full");
    Report report = new Report();
    run(report, quick);
    System.out.println(
        report.markdown(
            String.format(
                Locale.ROOT,
                "## Signing, %s run: %d cores, Java %s, %s",
                quick ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                Instant.now())));
  }
}
