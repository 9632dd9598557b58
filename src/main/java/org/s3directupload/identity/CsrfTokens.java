package org.s3directupload.identity;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One random token per session, rendered into every page: sent back by the upload page's script in
 * {@value #HEADER}, and by every form of the application (sign-in, sign-out, the doctor) in the
 * field {@value #FORM_FIELD}. Another site can make a browser send the session cookie, but it
 * cannot read the page, so it cannot send the token.
 */
public final class CsrfTokens {

  /** The request header that carries the token. */
  public static final String HEADER = "X-CSRF-Token";

  /** The form field that carries the token. */
  public static final String FORM_FIELD = "page-token";

  private static final String ATTRIBUTE = "org.s3directupload.identity.CsrfToken";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfTokens() {}

  /** The session's token, made on first use. */
  public static String of(HttpSession session) {
    synchronized (CsrfTokens.class) {
      Object token = session.getAttribute(ATTRIBUTE);
      if (token instanceof String existing) {
        return existing;
      }
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(ATTRIBUTE, fresh);
      return fresh;
    }
  }

  /** Whether {@code sent} is the session's token; false when the session has none yet. */
  public static boolean matches(HttpSession session, String sent) {
    if (session == null || sent == null) {
      return false;
    }
    Object token = session.getAttribute(ATTRIBUTE);
    return token instanceof String expected
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
  }
}
