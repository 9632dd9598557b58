package org.s3directupload.uploads;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The delete button of "My uploads": a plain form per row, posted with the page's token (the
 * cross-site checks see to that), then back to the listing, which shows the record as deleted.
 */
@WebServlet("/my-uploads/delete")
public class DeleteUploadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Uploads uploads;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String id = request.getParameter("id");
    String outcome;
    try {
      UploadRecord deleted =
          uploads.delete(request.getUserPrincipal().getName(), id == null ? "" : id);
      outcome = "deleted=" + URLEncoder.encode(deleted.filename(), StandardCharsets.UTF_8);
    } catch (UploadNotFound e) {
      outcome = "not-found=true";
    } catch (RecordsUnavailable e) {
      outcome = "unavailable=true";
    }
    response.sendRedirect(request.getContextPath() + "/my-uploads.xhtml?" + outcome);
  }
}
