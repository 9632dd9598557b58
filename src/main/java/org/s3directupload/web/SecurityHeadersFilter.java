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
import org.s3directupload.storage.StorageClients;
import org.s3directupload.storage.StoreSettings;

/**
 * Adds {@link SecurityHeaders} to every response. The store's origin is addressed the way the SDK
 * addresses every ticket's object, so the page's {@code connect-src} names exactly where tickets
 * send the browser.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient StoreSettings store;
  @Inject transient Origins origins;

  private transient Map<String, String> headers;

  @Override
  public void init() {
    headers =
        SecurityHeaders.forStore(StorageClients.storeOrigin(store), origins.servedOnlyOverTls());
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    headers.forEach(response::setHeader);
    chain.doFilter(request, response);
  }
}
