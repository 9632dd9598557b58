package org.s3directupload.uploads;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;

/**
 * The database of the records, or the store a record's object lives in, cannot be used: 503, and
 * the record is as it was.
 */
public class RecordsUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  RecordsUnavailable(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** 503 with the usual body; the cause is logged, never shown. */
  @Provider
  public static class Mapper implements ExceptionMapper<RecordsUnavailable> {

    private static final Logger LOG = Logger.getLogger(RecordsUnavailable.class.getName());

    @Override
    public Response toResponse(RecordsUnavailable e) {
      LOG.warning(e.getMessage() + ": " + e.getCause());
      return ErrorBody.response(
          e.code,
          e.code == ErrorCode.STORAGE_UNAVAILABLE
              ? "The storage cannot be reached just now, so the upload could not be checked or"
                  + " changed. It is not lost: try again in a minute."
              : "The uploads' records cannot be reached just now. Try again in a minute; if it"
                  + " persists, tell the operators.");
    }
  }
}
