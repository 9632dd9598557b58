package org.s3directupload.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.s3directupload.limits.LimitExceeded;

/** A used-up limit: 429 with {@code Retry-After} and a sentence saying when to ask again. */
@Provider
public class LimitExceededMapper implements ExceptionMapper<LimitExceeded> {

  @Override
  public Response toResponse(LimitExceeded e) {
    long seconds = e.retryAfterSeconds();
    Response error =
        ErrorResponses.of(
            429,
            "too_many_requests",
            e.getMessage() + " You can ask again " + e.retryAfterWords() + ".");
    return Response.fromResponse(error).header("Retry-After", Long.toString(seconds)).build();
  }
}
