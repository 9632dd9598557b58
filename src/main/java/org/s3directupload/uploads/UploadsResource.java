package org.s3directupload.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.s3directupload.errors.ErrorBody;
import org.s3directupload.json.Jsons;
import org.s3directupload.signing.UploadRefusal;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.uploads.UploadRecord.State;

/**
 * {@code /api/uploads}: tickets, and the caller's own uploads afterwards (web.xml lets only the
 * uploader role here). Someone else's id answers 404 on every address, exactly like an unknown one.
 */
@Path("uploads")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UploadsResource {

  /** A request is four short fields; anything much larger is not one. */
  static final int LARGEST_BODY = 16 * 1024;

  /** Listing every part of a 10,000-part upload with its ETag takes about 600 KB. */
  static final int LARGEST_COMPLETION = 1024 * 1024;

  @Inject Uploads uploads;
  @Inject MultipartUploads parts;

  /** The signed-in person: a method parameter, so that one instance serves every request. */
  private static String person(SecurityContext security) {
    return security.getUserPrincipal().getName();
  }

  /** A ticket for the signed-in person, and its record. */
  @Operation(summary = "A ticket for one upload, and its record")
  @APIResponse(
      responseCode = "201",
      description =
          "the ticket: id, key, method, url, expiresAt, and headers (PUT) or form fields (POST);"
              + " for a file in parts id, key, method MULTIPART, size, partSize, partCount,"
              + " parallelParts, expiresAt")
  @APIResponse(
      responseCode = "400",
      description = "the request is malformed",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(
      responseCode = "413",
      description = "the file is too large",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(
      responseCode = "415",
      description = "the type is not allowed",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(
      responseCode = "429",
      description = "a limit is used up",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Context SecurityContext security, InputStream body) {
    UploadRequest request = UploadRequest.fromJson(RequestBodies.readUtf8(body, LARGEST_BODY));
    String person = person(security);
    return noStore(Response.status(Response.Status.CREATED))
        .entity(
            parts.inParts(request)
                ? parts.issue(person, request)
                : uploads.issue(person, request).toJson())
        .build();
  }

  /** The caller's uploads, newest first: {@code {"uploads": [...], "next": cursor or null}}. */
  @Operation(summary = "The caller's uploads, newest first")
  @APIResponse(responseCode = "200", description = "{uploads, next}")
  @APIResponse(
      responseCode = "400",
      description = "a state, cursor or limit that is not one",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  public Response list(
      @Context SecurityContext security,
      @QueryParam("state") String state,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    return noStore(Response.ok())
        .entity(page(person(security), state, cursor, limit, uploads))
        .build();
  }

  @Operation(summary = "One of the caller's uploads")
  @APIResponse(responseCode = "200", description = "the record")
  @APIResponse(responseCode = "404", ref = "NotYours")
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  @Path("{id}")
  public Response get(@Context SecurityContext security, @PathParam("id") String id) {
    return noStore(Response.ok()).entity(uploads.get(person(security), id).toJson()).build();
  }

  /** The page's call after the store accepted the PUT: checks the object, answers the record. */
  @Operation(summary = "Checks the stored object against the record")
  @APIResponse(responseCode = "200", description = "the record, stored or rejected")
  @APIResponse(responseCode = "404", ref = "NotYours")
  @APIResponse(
      responseCode = "409",
      description = "nothing has reached the storage yet",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @POST
  @Path("{id}/complete")
  public Response complete(
      @Context SecurityContext security, @PathParam("id") String id, InputStream body) {
    String text = RequestBodies.readUtf8(body, LARGEST_COMPLETION);
    String person = person(security);
    // a single PUT's body is {} or nothing; an upload in parts lists its parts
    return noStore(Response.ok()).entity(parts.complete(person, id, text).toJson()).build();
  }

  /** URLs for some parts of an open upload in parts, each bound to its length and SHA-256. */
  @Operation(summary = "Signs parts of an upload in parts")
  @APIResponse(
      responseCode = "200",
      description = "{parts: [{partNumber, url, headers, expiresAt}]}")
  @APIResponse(
      responseCode = "400",
      description = "parts malformed, or the upload is not in parts",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(responseCode = "404", ref = "NotYours")
  @APIResponse(
      responseCode = "409",
      description = "the upload is no longer open",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(
      responseCode = "429",
      description = "this upload's part signing limit is used up",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @POST
  @Path("{id}/parts")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response signParts(
      @Context SecurityContext security, @PathParam("id") String id, InputStream body) {
    String text = RequestBodies.readUtf8(body, LARGEST_BODY);
    return noStore(Response.ok()).entity(parts.signParts(person(security), id, text)).build();
  }

  /** The parts the store has of an open upload in parts, for a page that resumes it. */
  @Operation(summary = "The parts the storage has of an upload in parts")
  @APIResponse(responseCode = "200", description = "{parts: [{partNumber, etag, size}]}")
  @APIResponse(responseCode = "404", ref = "NotYours")
  @APIResponse(
      responseCode = "409",
      description = "the upload is no longer open",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  @Path("{id}/parts")
  public Response listParts(@Context SecurityContext security, @PathParam("id") String id) {
    return noStore(Response.ok()).entity(parts.listParts(person(security), id)).build();
  }

  /** A 303 to a short-lived link that downloads the stored file with its own name. */
  @Operation(summary = "A short-lived link to download a stored upload")
  @APIResponse(responseCode = "303", description = "to the download")
  @APIResponse(responseCode = "404", ref = "NotYours")
  @APIResponse(
      responseCode = "409",
      description = "the upload is not stored",
      content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  @Path("{id}/download")
  public Response download(@Context SecurityContext security, @PathParam("id") String id) {
    return noStore(Response.seeOther(uploads.download(person(security), id))).build();
  }

  @Operation(summary = "Deletes an upload's object; the record stays, deleted")
  @APIResponse(responseCode = "200", description = "the record")
  @APIResponse(responseCode = "404", ref = "NotYours")
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @DELETE
  @Path("{id}")
  public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
    return noStore(Response.ok()).entity(uploads.delete(person(security), id).toJson()).build();
  }

  /** A listing page as JSON, for the caller's and the administrators' listings alike. */
  static JsonObject page(
      String person, String state, String cursor, String limit, Uploads uploads) {
    UploadRecords.Page page = uploads.list(person, parseState(state), cursor, parseLimit(limit));
    JsonArrayBuilder records = Jsons.createArrayBuilder();
    page.records().forEach(record -> records.add(record.toJson()));
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("uploads", records);
    page.next()
        .ifPresentOrElse(next -> json.add("next", next.encoded()), () -> json.addNull("next"));
    return json.build();
  }

  private static State parseState(String state) {
    if (state == null || state.isEmpty()) {
      return null;
    }
    return State.of(state)
        .orElseThrow(
            () ->
                new UploadRefusal(
                    UploadRefusal.Reason.INVALID_REQUEST,
                    "The state must be issued, stored, rejected, missing or deleted."));
  }

  private static int parseLimit(String limit) {
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= 200) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new UploadRefusal(
        UploadRefusal.Reason.INVALID_REQUEST, "The limit must be a whole number from 1 to 200.");
  }

  private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return response.cacheControl(noStore);
  }
}
