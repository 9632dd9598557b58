package org.s3directupload.identity;

/** The directory could not be asked: not reachable, or it refused the service account. */
public class DirectoryUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DirectoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
