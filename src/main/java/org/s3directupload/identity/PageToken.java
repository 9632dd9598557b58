package org.s3directupload.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The session's token for the page being rendered ({@code #{pageToken.value}}): in the upload
 * page's {@code data-csrf-token} for its script, and in a hidden field of every form. On the
 * sign-in page this makes a session before anyone is signed in; signing in replaces it.
 */
@Named
@RequestScoped
public class PageToken {

  private String value;

  /** The token, made (with its session, whose cookie gets the usual attributes) on first use. */
  public String getValue() {
    if (value == null) {
      ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
      HttpServletRequest request = (HttpServletRequest) external.getRequest();
      boolean fresh = request.getSession(false) == null;
      value = CsrfTokens.of(request.getSession(true));
      if (fresh) {
        SessionCookie.ensureSameSite(request, (HttpServletResponse) external.getResponse());
      }
    }
    return value;
  }

  /** The name of the hidden field that carries it. */
  public String getField() {
    return CsrfTokens.FORM_FIELD;
  }
}
