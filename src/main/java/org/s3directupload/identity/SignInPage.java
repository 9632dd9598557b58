package org.s3directupload.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;

/** The sign-in form ({@code login.xhtml}) and the sign-out button of every page. */
@Named
@RequestScoped
public class SignInPage {

  @Inject SecurityContext securityContext;

  private String name;
  private String password;
  private String next;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPassword() {
    return null; // never rendered back into the page
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }

  /** Signs in and goes on to the page asked for, or explains why not. */
  public void signIn() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    HttpServletResponse response = (HttpServletResponse) external.getResponse();
    String typed = name == null ? "" : name.strip();
    char[] secret = password == null ? new char[0] : password.toCharArray();
    password = null;
    if (typed.isEmpty() || secret.length == 0) {
      faces.addMessage(null, error("Enter your name and your password."));
      return;
    }
    // whoever was signed in on this browser is signed out first: some servers (WildFly) would
    // otherwise keep the request's current identity and not ask the mechanism. The mechanism then
    // replaces the session.
    if (request.getUserPrincipal() != null) {
      try {
        request.logout();
      } catch (ServletException e) {
        // the mechanism replaces the session anyway
      }
    }
    AuthenticationStatus status =
        securityContext.authenticate(
            request,
            response,
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(typed, new Password(secret)))
                .newAuthentication(true));
    if (status == AuthenticationStatus.SUCCESS) {
      String target = SignInTargets.isSafe(next) ? next : "/";
      external.redirect(request.getContextPath() + target);
      faces.responseComplete();
    } else if (request.getAttribute(SignInMechanism.THROTTLED) instanceof Duration wait) {
      faces.addMessage(
          null, error(PasswordChecks.tooManyFailures(Math.max(1, wait.toSeconds() + 1))));
    } else if (request.getAttribute(DirectoryUnavailableException.class.getName()) != null) {
      faces.addMessage(
          null,
          error(
              "The directory that checks passwords cannot be reached just now. Try again in a"
                  + " minute; if it persists, tell the operators."));
    } else {
      faces.addMessage(null, error("The name or password is wrong."));
    }
  }

  /** Ends the session and goes back to the sign-in page. */
  public void signOut() throws IOException, ServletException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    external.redirect(request.getContextPath() + "/login.xhtml?signed-out=true");
    faces.responseComplete();
  }

  /** The signed-in person's name, or empty on the sign-in page before signing in. */
  public String getSignedInAs() {
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    return request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
  }

  private static FacesMessage error(String text) {
    return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null);
  }
}
