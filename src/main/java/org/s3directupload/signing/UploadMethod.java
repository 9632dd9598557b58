package org.s3directupload.signing;

import java.util.Locale;

/** How the browser sends a file to the store with its ticket. */
public enum UploadMethod {
  /** One presigned {@code PUT} with exactly the ticket's headers: the default. */
  PUT,
  /**
   * A browser-based {@code POST} of a form whose signed policy the store enforces: it binds the
   * size with every signature version, and needs no JavaScript.
   */
  POST;

  /** As the configuration writes it: {@code put}, {@code post}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
