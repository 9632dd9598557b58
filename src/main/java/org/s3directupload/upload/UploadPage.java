package org.s3directupload.upload;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.identity.CsrfTokens;
import org.s3directupload.signing.ByteSizes;

/** The limits the page shows and its script enforces, taken from the server's own settings. */
@Named
@RequestScoped
public class UploadPage {

  @Inject UploadSettings settings;
  @Inject HttpServletRequest request;

  private String accept;
  private long maxSize;
  private String maxSizeLabel;

  @PostConstruct
  void init() {
    accept = String.join(",", settings.allowedContentTypes().patterns());
    maxSize = settings.maxSize();
    String described = ByteSizes.describe(maxSize);
    int exact = described.indexOf(" (");
    maxSizeLabel = exact < 0 ? described : described.substring(0, exact);
  }

  /** The allowed media types, comma-separated, for the file input's {@code accept}. */
  public String getAccept() {
    return accept;
  }

  /** The allowed media types for people, e.g. {@code application/pdf, image/*}. */
  public String getAcceptLabel() {
    return accept.replace(",", ", ");
  }

  /** The largest upload in bytes. */
  public long getMaxSize() {
    return maxSize;
  }

  /** The session's token for the page's script to send with each ticket request. */
  public String getCsrfToken() {
    return CsrfTokens.of(request.getSession(true));
  }

  /** The largest upload for people, e.g. {@code 100 MB}. */
  public String getMaxSizeLabel() {
    return maxSizeLabel;
  }
}
