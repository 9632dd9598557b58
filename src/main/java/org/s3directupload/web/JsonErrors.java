package org.s3directupload.web;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

  /** Whether a request is for the JSON API rather than a page. */
  public static boolean isApi(String contextPath, String requestUri) {
    return requestUri != null && requestUri.startsWith(contextPath + "/api/");
  }
}
