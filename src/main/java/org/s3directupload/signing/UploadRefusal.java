package org.s3directupload.signing;

import org.s3directupload.errors.ErrorCode;

/**
 * An upload request the application will not sign, with the reason a person can read. Plain (not a
 * JAX-RS exception) so the rules that throw it can be unit-tested without a JAX-RS runtime; {@link
 * UploadRefusalMapper} turns it into the JSON error shape.
 */
public class UploadRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a request is refused: the error code, which carries the HTTP status. */
  public enum Reason {
    INVALID_REQUEST(ErrorCode.INVALID_REQUEST),
    TOO_LARGE(ErrorCode.TOO_LARGE),
    REQUEST_TOO_LARGE(ErrorCode.REQUEST_TOO_LARGE),
    TYPE_NOT_ALLOWED(ErrorCode.TYPE_NOT_ALLOWED);

    private final ErrorCode code;

    Reason(ErrorCode code) {
      this.code = code;
    }

    public ErrorCode code() {
      return code;
    }
  }

  private final Reason reason;

  public UploadRefusal(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static UploadRefusal invalid(String message) {
    return new UploadRefusal(Reason.INVALID_REQUEST, message);
  }
}
