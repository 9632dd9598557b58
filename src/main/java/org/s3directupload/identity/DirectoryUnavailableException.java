package org.s3directupload.identity;

/**
 * The directory cannot answer whether a person may sign in: it cannot be reached, it refuses the
 * service account, or a search fails. Unlike a wrong password this is not the person's fault. The
 * message names the directory's URL and says why in plain words; it never contains a password.
 */
public class DirectoryUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DirectoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
