package org.s3directupload.limits;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;

/** A used-up limit: 429 with {@code Retry-After} and a sentence saying when to ask again. */
@Provider
public class LimitExceededMapper implements ExceptionMapper<LimitExceeded> {

  @Override
  public Response toResponse(LimitExceeded e) {
    Response error =
        ErrorBody.response(
            ErrorCode.TOO_MANY_REQUESTS,
            e.getMessage() + " You can ask again " + e.retryAfterWords() + ".");
    return Response.fromResponse(error)
        .header("Retry-After", Long.toString(e.retryAfterSeconds()))
        .build();
  }
}
