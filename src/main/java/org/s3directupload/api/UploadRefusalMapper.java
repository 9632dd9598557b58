package org.s3directupload.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.s3directupload.signing.UploadRefusal;

/** A refused upload request: its status, code and sentence. */
@Provider
public class UploadRefusalMapper implements ExceptionMapper<UploadRefusal> {

  @Override
  public Response toResponse(UploadRefusal refusal) {
    return ErrorResponses.of(
        refusal.reason().status(), refusal.reason().code(), refusal.getMessage());
  }
}
