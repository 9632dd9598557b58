package org.s3directupload.uploads;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.s3directupload.errors.ErrorBody;

/** {@code GET /api/admin/uploads}: everyone's uploads, for the upload-admin role (web.xml). */
@Path("admin/uploads")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminUploadsResource {

  @Inject Uploads uploads;

  /** Newest first, as {@code GET /api/uploads}, with {@code ?person=} to see one person's. */
  @Operation(summary = "Everyone's uploads, newest first")
  @APIResponse(responseCode = "200", description = "{uploads, next}")
  @APIResponse(
      responseCode = "400",
      description = "a state, cursor or limit that is not one",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  public JsonObject list(
      @QueryParam("person") String person,
      @QueryParam("state") String state,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    return UploadsResource.page(
        person == null || person.isEmpty() ? null : person, state, cursor, limit, uploads);
  }
}
