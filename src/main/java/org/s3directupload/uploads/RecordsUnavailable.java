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
  private final String sentence;

  /**
   * @param message for the log
   * @param sentence for the person, in the error body
   */
  RecordsUnavailable(ErrorCode code, String message, String sentence, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.sentence = sentence;
  }

  ErrorCode code() {
    return code;
  }

  /** What the person is told. */
  String sentence() {
    return sentence;
  }

  /** 503 with the usual body; the cause is logged, never shown. */
  @Provider
  public static class Mapper implements ExceptionMapper<RecordsUnavailable> {

    private static final Logger LOG = Logger.getLogger(RecordsUnavailable.class.getName());

    @Override
    public Response toResponse(RecordsUnavailable e) {
      LOG.warning(e.getMessage() + ": " + e.getCause());
      return ErrorBody.response(e.code, e.sentence);
    }
  }
}
