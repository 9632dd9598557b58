package org.s3directupload.uploads;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.words.ByteSizes;

/**
 * The form that posts one file straight to the bucket without JavaScript, from the ticket that
 * {@link FormUploadServlet} made for this request; or the reason there is none.
 */
@Named
@RequestScoped
public class FormUploadPage {

  static final String TICKET = FormUploadPage.class.getName() + ".ticket";
  static final String PROBLEM = FormUploadPage.class.getName() + ".problem";

  @Inject HttpServletRequest request;
  @Inject SigningSettings settings;

  private UploadTicket ticket;
  private String problem;

  @PostConstruct
  void init() {
    ticket = request.getAttribute(TICKET) instanceof UploadTicket t ? t : null;
    problem = request.getAttribute(PROBLEM) instanceof String p ? p : null;
    if (ticket == null && problem == null) {
      problem = "Choose the type of your file on the upload page first.";
    }
  }

  /** Whether there is a form to show. */
  public boolean isReady() {
    return ticket != null;
  }

  /** Why there is no form; null when there is one. */
  public String getProblem() {
    return problem;
  }

  /** The bucket's address, where the form goes. */
  public String getAction() {
    return ticket == null ? "" : ticket.url();
  }

  /** The form's fields, in the order the store wants them, before the file. */
  public List<Map.Entry<String, String>> getFields() {
    return ticket == null ? List.of() : List.copyOf(ticket.fields().entrySet());
  }

  /** The type the file will be stored with. */
  public String getContentType() {
    return ticket == null ? "" : ticket.fields().get("Content-Type");
  }

  /** The largest file for people, e.g. {@code 100 MB}. */
  public String getMaxSizeLabel() {
    return ByteSizes.rounded(settings.maxSize());
  }

  /** When the form stops working, as ISO-8601 UTC. */
  public String getExpiresAt() {
    return ticket == null ? "" : ticket.expiresAt().toString();
  }
}
