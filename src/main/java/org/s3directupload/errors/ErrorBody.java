package org.s3directupload.errors;

import jakarta.json.JsonObject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.s3directupload.json.Jsons;

/**
 * The one error body, {@code {"error": "<code>", "message": "<sentence for a person>"}}: built for
 * JAX-RS exception mappers, and written directly where JAX-RS does not run (the authentication
 * mechanism, servlet filters, error pages). Never cached, never a stack trace.
 */
public final class ErrorBody {

  /** The name of this shape's schema in the OpenAPI description. */
  public static final String SCHEMA = "Error";

  private ErrorBody() {}

  /** The body alone. */
  public static JsonObject json(ErrorCode code, String message) {
    return Jsons.createObjectBuilder().add("error", code.code()).add("message", message).build();
  }

  /** A JAX-RS response with the code's usual status. */
  public static Response response(ErrorCode code, String message) {
    return response(code.status(), code, message);
  }

  /** A JAX-RS response with another status, for errors the runtime raised with its own. */
  public static Response response(int status, ErrorCode code, String message) {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .cacheControl(noStore)
        .entity(json(code, message))
        .build();
  }

  /** Writes the body as the whole response, replacing anything buffered. */
  public static void write(HttpServletResponse response, ErrorCode code, String message)
      throws IOException {
    byte[] body = json(code, message).toString().getBytes(StandardCharsets.UTF_8);
    response.resetBuffer();
    response.setStatus(code.status());
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /**
   * Whether a request is for the JSON API rather than a page, and so gets this body instead of an
   * error page: mapped to the API's servlet, or, on an error page, addressed to it in any spelling
   * the container accepts ({@code /%61pi/…}, {@code /api;x/…}).
   */
  public static boolean isApiRequest(HttpServletRequest request) {
    if ("/api".equals(request.getServletPath())) {
      return true;
    }
    String api = request.getContextPath() + "/api";
    String path = normalized(originalUri(request));
    return path.equals(api) || path.startsWith(api + "/");
  }

  /**
   * The address the client asked for, also when the request has been forwarded to an error page.
   */
  public static String originalUri(HttpServletRequest request) {
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return original instanceof String s ? s : request.getRequestURI();
  }

  /** The path without {@code ;parameters}, percent-decoded, with no empty segments. */
  public static String normalized(String uri) {
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
