package org.s3directupload.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The session cookie that carries a signed-in person. */
public final class SessionCookie {

  private SessionCookie() {}

  /**
   * Adds {@code SameSite=Lax} to a session cookie the container has just set on {@code response},
   * where the container ignores the configured cookie attribute (Payara and GlassFish do). Called
   * at sign-in, where the session that carries a person's identity is created.
   */
  public static void ensureSameSite(HttpServletRequest request, HttpServletResponse response) {
    String name = request.getServletContext().getSessionCookieConfig().getName();
    String prefix = (name == null ? "JSESSIONID" : name) + "=";
    List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
    boolean changed = false;
    for (int i = 0; i < cookies.size(); i++) {
      String cookie = cookies.get(i);
      if (cookie.startsWith(prefix) && !cookie.toLowerCase(Locale.ROOT).contains("samesite=")) {
        cookies.set(i, cookie + "; SameSite=Lax");
        changed = true;
      }
    }
    if (changed) {
      response.setHeader("Set-Cookie", cookies.get(0));
      cookies.subList(1, cookies.size()).forEach(c -> response.addHeader("Set-Cookie", c));
    }
  }
}
