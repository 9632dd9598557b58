package org.s3directupload.signing;

/**
 * An upload request the application will not sign, with the reason a person can read. Plain (not a
 * JAX-RS exception) so the rules that throw it can be unit-tested without a JAX-RS runtime; {@code
 * org.s3directupload.api} turns it into the JSON error shape.
 */
public class UploadRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a request is refused, with the HTTP status and the machine code of the error body. */
  public enum Reason {
    INVALID_REQUEST(400, "invalid_request"),
    TOO_LARGE(413, "too_large"),
    REQUEST_TOO_LARGE(413, "request_too_large"),
    TYPE_NOT_ALLOWED(415, "type_not_allowed");

    private final int status;
    private final String code;

    Reason(int status, String code) {
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
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

  static UploadRefusal invalid(String message) {
    return new UploadRefusal(Reason.INVALID_REQUEST, message);
  }
}
