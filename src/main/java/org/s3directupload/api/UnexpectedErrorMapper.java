package org.s3directupload.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;
import org.s3directupload.storage.StoreTimeouts;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Anything unexpected: logged with an incident id for the operator, answered with that id and no
 * details. Missing or unusable storage credentials, or a store that does not answer in time, are an
 * outage of the store, not a bug: 503.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    String incident = UUID.randomUUID().toString();
    if (failure instanceof SdkClientException) {
      // SDK client messages describe the credential chain or the connection, never a secret
      LOG.log(
          Level.WARNING,
          "Incident {0}: the storage could not be used: {1}",
          new Object[] {incident, failure.getMessage()});
      return ErrorBody.response(
          ErrorCode.STORAGE_UNAVAILABLE,
          "Uploads are unavailable right now: "
              + (StoreTimeouts.ranOutOfTime(failure)
                  ? "the storage did not answer in time"
                  : "the server cannot use the storage")
              + " (incident "
              + incident
              + "). Please try again later or tell the administrator.");
    }
    LOG.log(Level.SEVERE, "Incident " + incident + ": unexpected failure", failure);
    return ErrorBody.response(
        ErrorCode.INTERNAL_ERROR,
        "Something went wrong on the server (incident " + incident + "). Please try again later.");
  }
}
