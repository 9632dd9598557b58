package org.s3directupload.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;
import org.s3directupload.identity.Roles;

/**
 * The 403 error page (web.xml): the JSON error shape for the API, the {@code access-denied.xhtml}
 * page for people, each saying which role the request needed.
 */
@WebServlet("/access-denied")
public class AccessDeniedServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Request attribute: why a request was refused, when it was not for a missing role. */
  public static final String REASON = "org.s3directupload.web.refusal";

  /** Request attribute: the role a refused request lacked, for the page's advice. */
  static final String ROLE = "org.s3directupload.web.role";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String uri = ErrorBody.normalized(ErrorBody.originalUri(request));
    String reason;
    if (request.getAttribute(REASON) instanceof String given) {
      reason = given;
    } else {
      reason = missingRole(request, uri);
      request.setAttribute(ROLE, Boolean.TRUE);
    }
    if (ErrorBody.isApiRequest(request)) {
      ErrorBody.write(response, ErrorCode.FORBIDDEN, reason);
      return;
    }
    request.setAttribute(REASON, reason);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    request.getRequestDispatcher("/access-denied.xhtml").forward(request, response);
  }

  private static String missingRole(HttpServletRequest request, String uri) {
    String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    boolean admin =
        path.startsWith("/api/bucket")
            || path.startsWith("/bucket-doctor")
            || path.startsWith("/api/admin")
            || path.startsWith("/all-uploads");
    String role = admin ? Roles.ADMIN : Roles.UPLOADER;
    String what =
        admin ? "the bucket setup, the bucket doctor and everyone's uploads" : "uploading";
    String who =
        request.getUserPrincipal() == null
            ? "You are"
            : "You are signed in as " + request.getUserPrincipal().getName() + ", but you are";
    return who + " not allowed this: " + what + " needs the role " + role + ".";
  }
}
