package org.s3directupload.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers of every response.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles and everything else only from the
 *       application itself, no inline script, no framing; the page may connect to itself and to the
 *       store's origin (where the browser PUTs), nowhere else.
 *   <li>{@code Referrer-Policy: no-referrer}: a presigned URL in a Referer header would be a leaked
 *       credential.
 *   <li>{@code X-Content-Type-Options: nosniff}, and {@code X-Frame-Options: DENY} for browsers
 *       that predate {@code frame-ancestors}.
 * </ul>
 */
public final class SecurityHeaders {

  private SecurityHeaders() {}

  /**
   * @param storeOrigin the scheme, host and port tickets point at, e.g. {@code
   *     https://uploads.s3.eu-central-1.amazonaws.com}
   */
  public static Map<String, String> forStore(URI storeOrigin) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self' "
            + origin(storeOrigin)
            + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    return headers;
  }

  /** {@code scheme://host[:port]}, without path or query. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
