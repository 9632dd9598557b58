package org.s3directupload.limits;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;

/** The database that keeps the counts cannot be used: 503, and nothing is signed. */
@Provider
public class LimitsUnavailableMapper implements ExceptionMapper<LimitsUnavailable> {

  @Override
  public Response toResponse(LimitsUnavailable e) {
    return ErrorBody.response(
        ErrorCode.LIMITS_UNAVAILABLE,
        "Uploads are paused: the database that keeps the upload limits cannot be reached."
            + " Try again in a minute; if it persists, tell the operators.");
  }
}
