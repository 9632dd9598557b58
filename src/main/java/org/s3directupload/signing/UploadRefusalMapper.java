package org.s3directupload.signing;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.s3directupload.errors.ErrorBody;

/** A refused upload request: its status, code and sentence. */
@Provider
public class UploadRefusalMapper implements ExceptionMapper<UploadRefusal> {

  @Override
  public Response toResponse(UploadRefusal refusal) {
    return ErrorBody.response(refusal.reason().code(), refusal.getMessage());
  }
}
