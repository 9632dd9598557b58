package org.s3directupload.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.s3directupload.identity.SessionCookie;

/**
 * Gives every session cookie the application causes the same attributes, on every server: where a
 * session is created further down the chain (a page's token, Faces' view state), its cookie gets
 * {@code SameSite=Lax} at once, also on servers that ignore the configured attribute (Payara,
 * GlassFish). {@link SessionCookies} sets {@code HttpOnly} and {@code Secure}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SessionCookieFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(
        new HttpServletRequestWrapper(request) {
          @Override
          public HttpSession getSession(boolean create) {
            boolean existed = create && super.getSession(false) != null;
            HttpSession session = super.getSession(create);
            if (create && !existed && session != null) {
              SessionCookie.ensureSameSite(request, response);
            }
            return session;
          }

          @Override
          public HttpSession getSession() {
            return getSession(true);
          }
        },
        response);
  }
}
