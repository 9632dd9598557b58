package org.s3directupload.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk}, the load generator: a fixed number of connections kept busy for a duration,
 * each sending the same request, with the latency distribution recorded (HdrHistogram, corrected
 * for coordinated omission).
 */
final class Wrk {

  /** One run's figures. */
  record Result(
      double requestsPerSecond, double p50Millis, double p99Millis, long requests, long errors) {}

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s+(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private Wrk() {}

  /**
   * A {@code POST} of {@code body} as JSON to {@code url} from {@code connections} connections for
   * {@code duration}, each request with the next of {@code authorizations} in turn (none when
   * empty).
   */
  static Result post(
      URI url,
      String body,
      List<String> authorizations,
      int connections,
      Duration duration,
      Path work)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile(work, "post", ".lua");
    StringBuilder lua = new StringBuilder();
    lua.append("wrk.method = \"POST\"\n");
    lua.append("wrk.body = ").append(luaString(body)).append('\n');
    lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
    if (!authorizations.isEmpty()) {
      lua.append("local people = {");
      for (String authorization : authorizations) {
        lua.append(luaString(authorization)).append(", ");
      }
      lua.append("}\nlocal next = 0\n");
      lua.append("request = function()\n");
      lua.append("  next = next % #people + 1\n");
      lua.append("  wrk.headers[\"Authorization\"] = people[next]\n");
      lua.append("  return wrk.format()\nend\n");
    }
    Files.writeString(script, lua.toString());
    List<String> command = new ArrayList<>();
    command.add("wrk");
    command.add("--latency");
    command.add("-t" + Math.min(2, connections));
    command.add("-c" + connections);
    command.add("-d" + Math.max(1, duration.toSeconds()) + "s");
    command.add("--timeout");
    command.add("10s");
    command.add("-s");
    command.add(script.toString());
    command.add(url.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("wrk failed:\n" + output);
    }
    Files.delete(script);
    return parse(output);
  }

  static Result parse(String output) {
    Matcher rate = RATE.matcher(output);
    Matcher requests = REQUESTS.matcher(output);
    if (!rate.find() || !requests.find()) {
      throw new IllegalStateException("wrk printed no rate:\n" + output);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(output);
    while (percentile.find()) {
      double millis = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = millis;
      } else {
        p99 = millis;
      }
    }
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(output);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET_ERRORS.matcher(output);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    return new Result(
        Double.parseDouble(rate.group(1)), p50, p99, Long.parseLong(requests.group(1)), errors);
  }

  private static double millis(double value, String unit) {
    return switch (unit) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }

  private static String luaString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  static String format(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
  }
}
