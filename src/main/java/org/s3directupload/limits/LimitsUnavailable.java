package org.s3directupload.limits;

/** The database that keeps the counts cannot be used; answered with 503, nothing is signed. */
public class LimitsUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LimitsUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
