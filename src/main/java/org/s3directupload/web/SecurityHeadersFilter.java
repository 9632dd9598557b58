package org.s3directupload.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.storage.StorageClients;

/**
 * Adds {@link SecurityHeaders} to every response. The store's origin comes from a placeholder
 * ticket signed once at start, so the page's {@code connect-src} names exactly where tickets send
 * the browser.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient UploadSettings settings;

  private transient Map<String, String> headers;

  @Override
  public void init() {
    headers = SecurityHeaders.forStore(StorageClients.storeOrigin(settings));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    headers.forEach(response::setHeader);
    chain.doFilter(request, response);
  }
}
