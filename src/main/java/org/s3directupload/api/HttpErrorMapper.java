package org.s3directupload.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.errors.ErrorCode;

/**
 * Errors the JAX-RS runtime raises itself (unknown path, wrong method, a body that is not JSON), in
 * the project's error shape. The exception's own message is not passed on: it is written for
 * developers and may name internals.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    int status = exception.getResponse().getStatus();
    Response original = exception.getResponse();
    Response mapped =
        switch (status) {
          case 404 -> ErrorBody.response(ErrorCode.NOT_FOUND, "There is nothing at this address.");
          case 405 ->
              ErrorBody.response(
                  ErrorCode.METHOD_NOT_ALLOWED, "This address does not accept that HTTP method.");
          case 406 ->
              ErrorBody.response(ErrorCode.NOT_ACCEPTABLE, "This address only answers with JSON.");
          case 415 ->
              ErrorBody.response(
                  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                  "Send the request body as JSON, with Content-Type: application/json.");
          default ->
              status >= 500
                  ? ErrorBody.response(
                      status, ErrorCode.SERVER_ERROR, "The server could not handle this request.")
                  : ErrorBody.response(
                      status,
                      ErrorCode.INVALID_REQUEST,
                      "The server could not accept this request.");
        };
    if (original.getHeaderString("Allow") != null) {
      return Response.fromResponse(mapped)
          .header("Allow", original.getHeaderString("Allow"))
          .build();
    }
    return mapped;
  }
}
