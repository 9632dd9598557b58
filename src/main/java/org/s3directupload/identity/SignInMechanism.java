package org.s3directupload.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.logging.Logger;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;

/**
 * How a request says who it is, checked by the container before every request:
 *
 * <ul>
 *   <li>HTTP Basic on the request itself, for scripts: checked every time, no session made;
 *   <li>the sign-in form, which calls {@code SecurityContext.authenticate}: on success the person
 *       is kept in a fresh session ({@link SignedIn});
 *   <li>a session that holds a {@link SignedIn}.
 * </ul>
 *
 * A protected resource without any of these answers 401 with the JSON error shape for the API, and
 * a redirect to the sign-in page for pages. The role checks themselves are web.xml's.
 */
@ApplicationScoped
public class SignInMechanism implements HttpAuthenticationMechanism {

  /** Request attribute set when this request was authenticated by HTTP Basic. */
  public static final String BY_BASIC = "org.s3directupload.identity.basic";

  static final String REALM = "S3 Direct Upload";

  private static final Logger LOG = Logger.getLogger(SignInMechanism.class.getName());

  /** Request attribute set when a sign-in was refused for too many failures: the wait. */
  static final String THROTTLED = "org.s3directupload.identity.throttled";

  @Inject PasswordChecks checks;
  @Inject PeopleDirectory people;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    try {
      return authenticate(request, response, context);
    } catch (RuntimeException e) {
      // an identity store handler may wrap what the store threw
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof DirectoryUnavailableException unavailable) {
          LOG.warning(unavailable.getMessage());
          return unavailable(request, response, context, unavailable);
        }
      }
      throw e;
    }
  }

  private AuthenticationStatus authenticate(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    try {
      if (context.isAuthenticationRequest()) {
        return signIn(request, response, context);
      }
      String authorization = request.getHeader("Authorization");
      if (authorization != null) {
        return basic(authorization, request, response, context);
      }
      HttpSession session = request.getSession(false);
      if (session != null && session.getAttribute(SignedIn.ATTRIBUTE) instanceof SignedIn person) {
        Optional<SignedIn> current = people.recheck(person, Instant.now());
        if (current.isPresent()) {
          if (current.get() != person) {
            session.setAttribute(SignedIn.ATTRIBUTE, current.get());
          }
          return context.notifyContainerAboutLogin(current.get().name(), current.get().roles());
        }
        session.invalidate(); // the store no longer knows them: signed out
      }
      if (context.isProtected()) {
        return challenge(request, response, context, "Sign in first.");
      }
      return context.doNothing();
    } catch (IOException e) {
      throw new IllegalStateException("Could not answer an unauthenticated request", e);
    }
  }

  private AuthenticationStatus signIn(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (!(context.getAuthParameters().getCredential()
        instanceof UsernamePasswordCredential credential)) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    PasswordChecks.Outcome outcome = checks.check(credential, request.getRemoteAddr(), false);
    if (!outcome.valid()) {
      outcome.retryAfter().ifPresent(wait -> request.setAttribute(THROTTLED, wait));
      return AuthenticationStatus.SEND_FAILURE;
    }
    CredentialValidationResult result = outcome.result();
    // a fresh session at sign-in: an id planted before it is worth nothing after it, and nothing
    // of a previous person's session (such as its page token) carries over
    HttpSession previous = request.getSession(false);
    String previousId = previous == null ? null : previous.getId();
    if (previous != null) {
      try {
        previous.invalidate();
      } catch (IllegalStateException alreadyInvalid) {
        // nothing left to drop
      }
    }
    HttpSession session = request.getSession(true);
    if (session.getId().equals(previousId)) {
      request.changeSessionId();
    }
    for (String name : Collections.list(session.getAttributeNames())) {
      session.removeAttribute(name);
    }
    session.setAttribute(
        SignedIn.ATTRIBUTE,
        new SignedIn(
            result.getCallerPrincipal().getName(), result.getCallerGroups(), Instant.now()));
    SessionCookie.ensureSameSite(request, response);
    return context.notifyContainerAboutLogin(result);
  }

  private AuthenticationStatus basic(
      String authorization,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context)
      throws IOException {
    UsernamePasswordCredential credential = BasicHeader.credential(authorization);
    if (credential == null) {
      return challenge(
          request,
          response,
          context,
          "The Authorization header is not HTTP Basic with a name and password.");
    }
    PasswordChecks.Outcome outcome = checks.check(credential, request.getRemoteAddr(), true);
    if (outcome.retryAfter().isPresent()) {
      return tooMany(request, response, outcome.retryAfter().get());
    }
    if (!outcome.valid()) {
      return challenge(request, response, context, "The name or password is wrong.");
    }
    CredentialValidationResult result = outcome.result();
    request.setAttribute(BY_BASIC, Boolean.TRUE);
    return context.notifyContainerAboutLogin(result);
  }

  /** A name or address that has used up its failed sign-ins: 429 until its window ends. */
  private static AuthenticationStatus tooMany(
      HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    String message = PasswordChecks.tooManyFailures(seconds);
    response.setHeader("Retry-After", Long.toString(seconds));
    if (ErrorBody.isApiRequest(request)) {
      ErrorBody.write(response, ErrorCode.TOO_MANY_REQUESTS, message);
    } else {
      response.sendError(429, message);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private AuthenticationStatus challenge(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String message)
      throws IOException {
    if (ErrorBody.isApiRequest(request)) {
      // no Basic prompt for the page's own script (it sends its token and explains itself) nor
      // for a browser's navigation: a browser that cached Basic credentials would replay them
      if (!fromBrowser(request)) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
      }
      ErrorBody.write(response, ErrorCode.UNAUTHENTICATED, message);
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (request.getHeader("Authorization") != null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, message);
      return AuthenticationStatus.SEND_FAILURE;
    }
    return context.redirect(signInPage(request));
  }

  /** Whether the request is the upload page's script or a browser opening an address. */
  private static boolean fromBrowser(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return request.getHeader(CsrfTokens.HEADER) != null
        || "navigate".equalsIgnoreCase(request.getHeader("Sec-Fetch-Mode"))
        || (accept != null && accept.contains("text/html"));
  }

  /** The sign-in page, with the page asked for as {@code next} (a path in this application). */
  static String signInPage(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String login = request.getContextPath() + "/login.xhtml";
    if (path.isEmpty() || path.equals("/") || !SignInTargets.isSafe(path)) {
      return login;
    }
    return login + "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }

  private AuthenticationStatus unavailable(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      DirectoryUnavailableException e) {
    if (context.isAuthenticationRequest()) {
      request.setAttribute(DirectoryUnavailableException.class.getName(), e);
      return AuthenticationStatus.SEND_FAILURE;
    }
    try {
      ErrorBody.write(
          response,
          ErrorCode.DIRECTORY_UNAVAILABLE,
          "The directory that checks names and passwords cannot be reached. Try again later;"
              + " if it persists, tell the operators.");
    } catch (IOException io) {
      throw new IllegalStateException("Could not answer", io);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
