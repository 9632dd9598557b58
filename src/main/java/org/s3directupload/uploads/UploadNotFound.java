package org.s3directupload.uploads;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;

/**
 * No upload of the caller's with this id: unknown, malformed, or someone else's, which answers
 * exactly like an unknown one, so ids cannot be probed.
 */
public class UploadNotFound extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UploadNotFound() {
    super("There is no upload of yours with this id.", null, false, false);
  }

  /** 404 with the usual body. */
  @Provider
  public static class Mapper implements ExceptionMapper<UploadNotFound> {

    @Override
    public Response toResponse(UploadNotFound e) {
      return ErrorBody.response(ErrorCode.NOT_FOUND, e.getMessage());
    }
  }
}
