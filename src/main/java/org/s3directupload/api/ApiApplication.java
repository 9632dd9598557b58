package org.s3directupload.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.s3directupload.errors.ErrorBody;

/**
 * Every resource lives under {@code /api}. The OpenAPI description (served at {@code /openapi} by
 * runtimes with MicroProfile OpenAPI) names the one error shape that every error answer has.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "S3 Direct Upload",
            version = "1",
            description =
                "Tickets for uploads straight to S3, and the records of those uploads. See"
                    + " docs/api.md."),
    components =
        @Components(
            responses = {
              @APIResponse(
                  name = "NotSignedIn",
                  description = "not signed in (unauthenticated)",
                  content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA))),
              @APIResponse(
                  name = "Forbidden",
                  description =
                      "without the role (forbidden), or another site's request (cross_site)",
                  content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA))),
              @APIResponse(
                  name = "NotYours",
                  description = "no upload of the caller's with this id (not_found)",
                  content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA))),
              @APIResponse(
                  name = "Unavailable",
                  description =
                      "the records or the storage cannot be reached (records_unavailable,"
                          + " storage_unavailable)",
                  content = @Content(schema = @Schema(ref = ErrorBody.SCHEMA)))
            },
            schemas =
                @Schema(
                    name = ErrorBody.SCHEMA,
                    type = SchemaType.OBJECT,
                    description = "Every error answer",
                    properties = {
                      @SchemaProperty(
                          name = "error",
                          type = SchemaType.STRING,
                          description = "a code from docs/api.md"),
                      @SchemaProperty(
                          name = "message",
                          type = SchemaType.STRING,
                          description = "a sentence for a person")
                    })))
public class ApiApplication extends Application {}
