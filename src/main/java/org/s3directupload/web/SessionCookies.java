package org.s3directupload.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * Makes the session cookie {@code HttpOnly} and {@code SameSite=Lax}, and {@code Secure} when every
 * origin the application is served from ({@code upload.allowed-origins}) is https, so the cookie
 * never travels in clear text.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  @Inject Origins origins;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
    cookie.setHttpOnly(true);
    cookie.setAttribute("SameSite", "Lax");
    if (origins.servedOnlyOverTls()) {
      cookie.setSecure(true);
    }
  }
}
