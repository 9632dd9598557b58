package org.s3directupload.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.s3directupload.config.UploadSettings;

/**
 * Marks the session cookie {@code Secure} when every origin the application is served from ({@code
 * upload.allowed-origins}) is https, so the cookie never travels in clear text, and makes it {@code
 * HttpOnly} and {@code SameSite=Lax}.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  @Inject UploadSettings settings;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
    cookie.setHttpOnly(true);
    cookie.setAttribute("SameSite", "Lax");
    if (servedOnlyOverTls(settings)) {
      cookie.setSecure(true);
    }
  }

  /**
   * Adds {@code SameSite=Lax} to a session cookie the container has just set on {@code response},
   * where the container ignores the cookie attribute configured above (Payara and GlassFish do).
   * Called at sign-in, where the session that carries a person's identity is created.
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

  static boolean servedOnlyOverTls(UploadSettings settings) {
    return !settings.allowedOrigins().isEmpty()
        && settings.allowedOrigins().stream().allMatch(origin -> origin.startsWith("https://"));
  }
}
