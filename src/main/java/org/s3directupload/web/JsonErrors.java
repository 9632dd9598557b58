package org.s3directupload.web;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The project's error body, {@code {"error": "<code>", "message": "<sentence>"}}, written where
 * JAX-RS does not run: the authentication mechanism, servlet filters and error pages.
 */
public final class JsonErrors {

  private JsonErrors() {}

  public static void write(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    byte[] body =
        Json.createObjectBuilder()
            .add("error", code)
            .add("message", message)
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /**
   * Whether a request is for the JSON API rather than a page: mapped to the API's servlet, or, on
   * an error page, addressed to it in any spelling the container accepts ({@code /%61pi/…}, {@code
   * /api;x/…}).
   */
  public static boolean isApi(HttpServletRequest request) {
    if ("/api".equals(request.getServletPath())) {
      return true;
    }
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = original instanceof String s ? s : request.getRequestURI();
    String api = request.getContextPath() + "/api";
    String path = normalized(uri);
    return path.equals(api) || path.startsWith(api + "/");
  }

  /** The path without {@code ;parameters}, percent-decoded, with no empty segments. */
  static String normalized(String uri) {
    if (uri == null) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (String segment : uri.split("/")) {
      int parameters = segment.indexOf(';');
      String bare = parameters < 0 ? segment : segment.substring(0, parameters);
      try {
        bare = URLDecoder.decode(bare.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        // kept as sent
      }
      if (!bare.isEmpty()) {
        path.append('/').append(bare);
      }
    }
    return path.toString();
  }
}
