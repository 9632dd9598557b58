package org.s3directupload.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;
import org.s3directupload.identity.CsrfTokens;
import org.s3directupload.identity.SignInMechanism;

/**
 * Refuses what another site can make a signed-in person's browser send (403):
 *
 * <ul>
 *   <li>any request the browser marks as coming from another site ({@code Sec-Fetch-Site}), and any
 *       state-changing request whose {@code Origin} is neither this application's own (the
 *       request's {@code Host}) nor one of {@code upload.allowed-origins} — this also stops a
 *       forged sign-in, which would send the victim's uploads into the attacker's segment;
 *   <li>a state-changing API request from a browser without the session's token in {@value
 *       CsrfTokens#HEADER}. Scripts that send HTTP Basic need no token: they send no {@code
 *       Sec-Fetch-Site}. A browser that replays cached Basic credentials does, so it needs the
 *       token like a cookie session.
 * </ul>
 *
 * It runs after authentication and before JAX-RS, so a cross-site form post gets 403, not 415.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class CrossSiteGuard extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

  @Inject transient Origins origins;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String refusal = refusal(request);
    if (refusal == null) {
      chain.doFilter(request, response);
    } else if (ErrorBody.isApiRequest(request)) {
      ErrorBody.write(response, ErrorCode.CROSS_SITE, refusal);
    } else {
      request.setAttribute(AccessDeniedServlet.REASON, refusal);
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
  }

  /** Why the request is refused, or null when it may go on. */
  private String refusal(HttpServletRequest request) {
    boolean safe = SAFE_METHODS.contains(request.getMethod());
    String site = request.getHeader("Sec-Fetch-Site");
    boolean api = ErrorBody.isApiRequest(request);
    if (site != null && !OWN_SITE.contains(site.toLowerCase(Locale.ROOT)) && (api || !safe)) {
      return "This request came from another site (" + site + "), so it was refused.";
    }
    if (safe) {
      return null;
    }
    String origin = request.getHeader("Origin");
    if ("null".equals(origin)) {
      // what browsers send for our own forms under Referrer-Policy: no-referrer; their own
      // Sec-Fetch-Site vouches for it. A browser too old to send that may still post our page
      // forms (sign-in, sign-out); the API then still needs the page's token or Basic
      if (site == null ? api : !site.equalsIgnoreCase("same-origin")) {
        return "This request came from an unknown origin, so it was refused.";
      }
    } else if (origin != null && !isOwnOrigin(origin, request)) {
      return "This request came from another origin, so it was refused.";
    }
    if (!api || request.getUserPrincipal() == null) {
      return null;
    }
    // a script's Basic proves intent: a browser never adds that header on its own, except for
    // credentials it cached, and then it says so with Sec-Fetch-Site (and needs the token)
    if (request.getAttribute(SignInMechanism.BY_BASIC) != null && site == null) {
      return null;
    }
    if (!CsrfTokens.matches(request.getSession(false), request.getHeader(CsrfTokens.HEADER))) {
      return "This request lacks the page's security token ("
          + CsrfTokens.HEADER
          + "). Reload the upload page and try again.";
    }
    return null;
  }

  private boolean isOwnOrigin(String origin, HttpServletRequest request) {
    if (origins.includes(origin)) {
      return true;
    }
    String lower = origin.strip().toLowerCase(Locale.ROOT);
    int scheme = lower.indexOf("://");
    String host = request.getHeader("Host");
    return scheme > 0
        && (lower.startsWith("http://") || lower.startsWith("https://"))
        && host != null
        && lower.substring(scheme + 3).equals(host.strip().toLowerCase(Locale.ROOT));
  }
}
