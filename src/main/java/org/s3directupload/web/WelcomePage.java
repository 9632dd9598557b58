package org.s3directupload.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.s3directupload.identity.Roles;

/**
 * Sends a request for the application's root that the container let through without the uploader
 * role to {@code index.xhtml}, where web.xml's constraint applies. web.xml also protects the root
 * with the empty URL pattern, but Open Liberty does not apply a constraint there, and would serve
 * the upload page to anyone.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class WelcomePage extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getRequestURI().equals(request.getContextPath() + "/")
        && !request.isUserInRole(Roles.UPLOADER)) {
      response.sendRedirect(request.getContextPath() + "/index.xhtml");
      return;
    }
    chain.doFilter(request, response);
  }
}
