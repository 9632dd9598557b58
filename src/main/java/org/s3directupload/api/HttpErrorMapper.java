package org.s3directupload.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

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
          case 404 -> ErrorResponses.of(404, "not_found", "There is nothing at this address.");
          case 405 ->
              ErrorResponses.of(
                  405, "method_not_allowed", "This address does not accept that HTTP method.");
          case 406 ->
              ErrorResponses.of(406, "not_acceptable", "This address only answers with JSON.");
          case 415 ->
              ErrorResponses.of(
                  415,
                  "unsupported_media_type",
                  "Send the request body as JSON, with Content-Type: application/json.");
          default ->
              status >= 500
                  ? ErrorResponses.of(
                      status, "server_error", "The server could not handle this request.")
                  : ErrorResponses.of(
                      status, "invalid_request", "The server could not accept this request.");
        };
    if (original.getHeaderString("Allow") != null) {
      return Response.fromResponse(mapped)
          .header("Allow", original.getHeaderString("Allow"))
          .build();
    }
    return mapped;
  }
}
