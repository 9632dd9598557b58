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
 *       store's origin (where the browser PUTs), nowhere else; forms go to the application and to
 *       the store's origin (a form upload without JavaScript, {@code upload.method=post}), which
 *       receives nothing a page's script could not already send it.
 *   <li>{@code Referrer-Policy: same-origin}: no address of the application ever reaches the store
 *       or another site in a {@code Referer}, while the application's own forms and requests carry
 *       their real {@code Origin}, which the cross-site checks rely on ({@code no-referrer} made
 *       browsers send {@code Origin: null}, which another site can send too). A presigned URL is
 *       only ever a request's target, never a page's address, so it cannot leave this way.
 *   <li>{@code Strict-Transport-Security}, when the application is served only over https: a
 *       browser that has seen it once never talks to it in clear text again.
 *   <li>{@code X-Content-Type-Options: nosniff}, and {@code X-Frame-Options: DENY} for browsers
 *       that predate {@code frame-ancestors}.
 * </ul>
 */
public final class SecurityHeaders {

  private SecurityHeaders() {}

  /** A year, the usual HSTS lifetime. */
  static final String HSTS = "max-age=31536000";

  /**
   * @param storeOrigin the scheme, host and port tickets point at, e.g. {@code
   *     https://uploads.s3.eu-central-1.amazonaws.com}
   * @param onlyTls whether every origin the application is served from is https
   */
  public static Map<String, String> forStore(URI storeOrigin, boolean onlyTls) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self' "
            + origin(storeOrigin)
            + "; object-src 'none'; base-uri 'none'; form-action 'self' "
            + origin(storeOrigin)
            + "; frame-ancestors 'none'");
    headers.put("Referrer-Policy", "same-origin");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    if (onlyTls) {
      headers.put("Strict-Transport-Security", HSTS);
    }
    return headers;
  }

  /** {@code scheme://host[:port]}, without path or query. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
