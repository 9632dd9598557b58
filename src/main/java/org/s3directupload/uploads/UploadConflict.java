package org.s3directupload.uploads;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;

/** An upload not in the state the request needs: 409 with the code and a sentence. */
public class UploadConflict extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public UploadConflict(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** 409 with the usual body. */
  @Provider
  public static class Mapper implements ExceptionMapper<UploadConflict> {

    @Override
    public Response toResponse(UploadConflict e) {
      return ErrorBody.response(e.code, e.getMessage());
    }
  }
}
