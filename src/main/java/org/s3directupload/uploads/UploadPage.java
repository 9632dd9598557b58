package org.s3directupload.uploads;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadMethod;
import org.s3directupload.words.ByteSizes;

/** The limits the page shows and its script enforces, taken from the server's own settings. */
@Named
@RequestScoped
public class UploadPage {

  @Inject SigningSettings settings;
  @Inject TicketIssuer issuer;
  @Inject MultipartSettings multipart;

  private String accept;
  private long maxSize;
  private String maxSizeLabel;

  @PostConstruct
  void init() {
    accept = String.join(",", settings.allowedContentTypes().patterns());
    maxSize = settings.maxSize();
    maxSizeLabel = ByteSizes.rounded(maxSize);
  }

  /** The allowed media types, comma-separated, for the file input's {@code accept}. */
  public String getAccept() {
    return accept;
  }

  /** The allowed media types for people, e.g. {@code application/pdf, image/*}. */
  public String getAcceptLabel() {
    return accept.replace(",", ", ");
  }

  /**
   * Whether the page offers a form for one file without JavaScript ({@code upload.method=post}).
   */
  public boolean isFormUploads() {
    return settings.method() == UploadMethod.POST && !issuer.formContentTypes().isEmpty();
  }

  /** The types a form without JavaScript can upload: the allowed types named exactly. */
  public List<String> getFormContentTypes() {
    return issuer.formContentTypes();
  }

  /**
   * Files larger than this go in parts; with {@code upload.method=post}, whose forms carry any
   * allowed size, the largest upload, so none does.
   */
  public long getMultipartThreshold() {
    return settings.method() == UploadMethod.PUT ? multipart.threshold() : settings.maxSize();
  }

  /** The largest upload in bytes. */
  public long getMaxSize() {
    return maxSize;
  }

  /** The largest upload for people, e.g. {@code 100 MB}. */
  public String getMaxSizeLabel() {
    return maxSizeLabel;
  }
}
