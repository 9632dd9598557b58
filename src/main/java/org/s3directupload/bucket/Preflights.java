package org.s3directupload.bucket;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CORS preflights sent the way a browser sends them before its PUT, and judged the way a browser
 * judges the answer. The SDK cannot send them: they are plain OPTIONS requests without a signature.
 */
final class Preflights {

  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param timeout how long each preflight waits for its answer
   */
  Preflights(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /**
   * @param requestedHeaders comma-separated, lower case; empty for a preflight without any
   */
  Preflight send(String url, String origin, String requestedHeaders)
      throws IOException, InterruptedException {
    return send(url, "PUT", origin, requestedHeaders);
  }

  /**
   * @param method the upload's method, {@code PUT} or {@code POST}
   * @param requestedHeaders comma-separated, lower case; empty for a preflight without any
   */
  Preflight send(String url, String method, String origin, String requestedHeaders)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method);
    if (!requestedHeaders.isEmpty()) {
      request.header("Access-Control-Request-Headers", requestedHeaders);
    }
    HttpResponse<Void> response =
        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    return new Preflight(
        method,
        response.statusCode(),
        response.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        response.headers().firstValue("Access-Control-Allow-Methods").orElse(""),
        response.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
  }

  /** A preflight's answer. */
  record Preflight(
      String method, int status, String allowOrigin, String allowMethods, String allowHeaders) {

    /** Whether a browser would go on to send the upload. */
    boolean allows(String origin, String requestedHeaders) {
      if (status / 100 != 2 || allowOrigin == null) {
        return false;
      }
      if (!allowOrigin.equals("*") && !allowOrigin.equalsIgnoreCase(origin)) {
        return false;
      }
      List<String> methods = split(allowMethods);
      if (!methods.contains(method.toLowerCase(Locale.ROOT)) && !methods.contains("*")) {
        return false;
      }
      List<String> headers = split(allowHeaders);
      if (headers.contains("*") || requestedHeaders.isEmpty()) {
        return true;
      }
      return headers.containsAll(split(requestedHeaders));
    }

    String describe() {
      return "HTTP "
          + status
          + (allowOrigin == null
              ? ", no Access-Control-Allow-Origin"
              : ", Access-Control-Allow-Origin: " + allowOrigin);
    }

    static List<String> split(String list) {
      return Arrays.stream(list.split(","))
          .map(s -> s.trim().toLowerCase(Locale.ROOT))
          .filter(s -> !s.isEmpty())
          .toList();
    }
  }
}
