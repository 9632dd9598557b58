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
 *   <li>a page's form sent as anything but a POST: Faces takes a GET that carries a form's fields
 *       ({@code jakarta.faces.ViewState}) as a submission, so a link on another site could sign a
 *       browser in as the attacker, or out;
 *   <li>any request the browser marks as coming from another site ({@code Sec-Fetch-Site}) to the
 *       API, and any state-changing one to a page;
 *   <li>a state-changing request whose {@code Origin} is neither this application's own (the
 *       request's {@code Host}) nor one of {@code upload.allowed-origins}, or is {@code null} (an
 *       opaque origin: our own pages send their real one under {@code Referrer-Policy:
 *       same-origin});
 *   <li>a state-changing request without the session's token ({@link CsrfTokens}): a page's form
 *       carries it in {@value CsrfTokens#FORM_FIELD}, the upload page's script in {@value
 *       CsrfTokens#HEADER}. Scripts that send HTTP Basic need no token: they send no {@code
 *       Sec-Fetch-Site}. A browser that replays cached Basic credentials does, so it needs the
 *       token like a cookie session.
 * </ul>
 *
 * It runs after authentication and before Faces and JAX-RS, so a cross-site form post gets 403, not
 * 415, and a refused sign-in never reaches the identity store.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class CrossSiteGuard extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

  /** The field every Faces form carries: its presence makes a request a form submission. */
  private static final String FACES_VIEW_STATE = "jakarta.faces.ViewState";

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
    boolean api = ErrorBody.isApiRequest(request);
    if (safe) {
      return api ? fromAnotherSite(request) : formInTheAddress(request);
    }
    String refusal = fromAnotherSite(request);
    if (refusal == null) {
      refusal = fromAnotherOrigin(request);
    }
    if (refusal == null) {
      refusal = api ? withoutApiToken(request) : withoutFormToken(request);
    }
    return refusal;
  }

  private static String formInTheAddress(HttpServletRequest request) {
    if (request.getParameter(FACES_VIEW_STATE) != null) {
      return "This page's form was sent in the address of a link, which the application's own"
          + " pages never do, so it was refused. Open the page and use its form.";
    }
    return null;
  }

  private static String fromAnotherSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !OWN_SITE.contains(site.toLowerCase(Locale.ROOT))) {
      return "This request came from another site (" + site + "), so it was refused.";
    }
    return null;
  }

  private String fromAnotherOrigin(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if ("null".equals(origin)) {
      return "This request came from an unknown origin, so it was refused.";
    }
    if (origin != null && !isOwnOrigin(origin, request)) {
      return "This request came from another origin, so it was refused.";
    }
    return null;
  }

  private static String withoutFormToken(HttpServletRequest request) {
    if (!CsrfTokens.matches(
        request.getSession(false), request.getParameter(CsrfTokens.FORM_FIELD))) {
      return "This form is older than your session, or did not come from this application's"
          + " page, so it was refused. Open the page again and send the form from there.";
    }
    return null;
  }

  private static String withoutApiToken(HttpServletRequest request) {
    if (request.getUserPrincipal() == null) {
      return null; // the mechanism has answered 401 already
    }
    // a script's Basic proves intent: a browser never adds that header on its own, except for
    // credentials it cached, and then it says so with Sec-Fetch-Site (and needs the token)
    if (request.getAttribute(SignInMechanism.BY_BASIC) != null
        && request.getHeader("Sec-Fetch-Site") == null) {
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
