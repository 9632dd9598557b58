package org.s3directupload.api;

import jakarta.json.Json;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the one error body: {@code {"error": "<code>", "message": "<sentence>"}}. */
public final class ErrorResponses {

  private ErrorResponses() {}

  public static Response of(int status, String code, String message) {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .cacheControl(noStore)
        .entity(Json.createObjectBuilder().add("error", code).add("message", message).build())
        .build();
  }
}
