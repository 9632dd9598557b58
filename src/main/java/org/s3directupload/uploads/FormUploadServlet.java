package org.s3directupload.uploads;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.s3directupload.limits.LimitExceeded;
import org.s3directupload.limits.LimitsUnavailable;
import org.s3directupload.signing.UploadRefusal;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.uploads.UploadRecord.State;
import org.s3directupload.web.Origins;

/**
 * Uploads without JavaScript ({@code upload.method=post}): {@code POST /upload-form} with the
 * chosen type (and the page's token) makes a form ticket and shows the form that posts the file
 * straight to the bucket ({@code upload-form.xhtml}); the store sends the browser back to {@code
 * GET /upload-form/done?id=…}, which checks the stored object and shows the outcome in "My
 * uploads". A ticket is made only when the person asks for the form, not for every view of the
 * upload page.
 */
@WebServlet({FormUploadServlet.PATH, FormUploadServlet.DONE})
public class FormUploadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final String PATH = "/upload-form";
  static final String DONE = "/upload-form/done";

  @Inject transient Uploads uploads;
  @Inject transient Origins origins;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!PATH.equals(request.getServletPath())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    String back = origin(request) + request.getContextPath() + DONE + "?id=";
    try {
      UploadTicket ticket =
          uploads.issueForm(
              request.getUserPrincipal().getName(), request.getParameter("type"), id -> back + id);
      request.setAttribute(FormUploadPage.TICKET, ticket);
    } catch (UploadRefusal | LimitExceeded | LimitsUnavailable | RecordsUnavailable e) {
      request.setAttribute(FormUploadPage.PROBLEM, e.getMessage());
    } catch (IllegalStateException e) {
      request.setAttribute(
          FormUploadPage.PROBLEM,
          "Uploads without JavaScript are not switched on here (upload.method is not post).");
    }
    // the form's policy and signature are a credential until it expires: no cache keeps them
    response.setHeader("Cache-Control", "no-store");
    request.getRequestDispatcher("/upload-form.xhtml").forward(request, response);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!DONE.equals(request.getServletPath())) {
      response.sendRedirect(request.getContextPath() + "/index.xhtml");
      return;
    }
    String id = request.getParameter("id");
    String outcome;
    try {
      UploadRecord record =
          uploads.complete(request.getUserPrincipal().getName(), id == null ? "" : id);
      outcome =
          (record.state() == State.STORED ? "stored=" : "rejected=")
              + encode(record.filename())
              + "&key="
              + encode(record.key());
    } catch (UploadNotFound e) {
      outcome = "not-found=true";
    } catch (UploadConflict e) {
      outcome = "not-uploaded=true";
    } catch (RecordsUnavailable e) {
      outcome = "unchecked=true";
    }
    response.sendRedirect(request.getContextPath() + "/my-uploads.xhtml?" + outcome);
  }

  /**
   * Where the person opened the application: the form's {@code Origin} when it is an allowed one
   * (the cross-site checks have seen to that), else the first allowed origin.
   */
  private String origin(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null && origins.includes(origin)) {
      return origin;
    }
    return origins.allowed().isEmpty()
        ? request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
        : origins.allowed().get(0);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
