package org.s3directupload.errors;

import java.util.Locale;

/**
 * Every machine code the application's error bodies carry, with the status it usually comes with.
 * The API reference (docs/api.md) lists exactly these; a test keeps the two in step.
 */
public enum ErrorCode {
  /** Not JSON, a field missing or mistyped, a malformed value. */
  INVALID_REQUEST(400),
  /** Signed in, but without the role. */
  FORBIDDEN(403),
  /** Another site's request, or a cookie session without the page's token. */
  CROSS_SITE(403),
  /** No sign-in, or a wrong name or password. */
  UNAUTHENTICATED(401),
  /** No resource at this address. */
  NOT_FOUND(404),
  /** The address does not take this method. */
  METHOD_NOT_ALLOWED(405),
  /** The caller does not accept JSON. */
  NOT_ACCEPTABLE(406),
  /** Nothing has reached the storage for this upload yet. */
  NOT_UPLOADED(409),
  /** The upload is not stored (yet, or any more), so it cannot be downloaded. */
  NOT_STORED(409),
  /** An upload in parts that is no longer open: finished, aborted, or past its lifetime. */
  NOT_OPEN(409),
  /** The declared size is above the largest allowed. */
  TOO_LARGE(413),
  /** The request body itself is too large. */
  REQUEST_TOO_LARGE(413),
  /** The declared content type is not allowed. */
  TYPE_NOT_ALLOWED(415),
  /** The request body is not sent as JSON. */
  UNSUPPORTED_MEDIA_TYPE(415),
  /** A limit is used up; {@code Retry-After} says when to ask again. */
  TOO_MANY_REQUESTS(429),
  /** Something unexpected; the message carries an incident id for the operators. */
  INTERNAL_ERROR(500),
  /** An error the server's runtime raised itself; the message says no more. */
  SERVER_ERROR(500),
  /** The LDAP directory cannot be reached. */
  DIRECTORY_UNAVAILABLE(503),
  /** The database that keeps the limits cannot be reached. */
  LIMITS_UNAVAILABLE(503),
  /** The database that keeps the upload records cannot be reached. */
  RECORDS_UNAVAILABLE(503),
  /** The server cannot obtain storage credentials or reach the store. */
  STORAGE_UNAVAILABLE(503);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** The code as the body's {@code error} field spells it, e.g. {@code too_large}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status that comes with it. */
  public int status() {
    return status;
  }
}
