package org.s3directupload.bucket;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.s3directupload.json.Jsons;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code /api/bucket}: the bucket documents ({@code GET setup}), applying them ({@code POST setup})
 * and the doctor ({@code POST doctor}). Both actions change the bucket (the doctor writes and
 * deletes canaries), so they are POSTs that take JSON like the ticket endpoint: never reachable by
 * a link, an image or a plain HTML form.
 */
@Path("bucket")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BucketResource {

  @Inject SigningSettings settings;
  @Inject MultipartSettings multipart;
  @Inject Origins origins;
  @Inject S3Client s3;
  @Inject BucketDoctor doctor;

  @Operation(
      summary =
          "The bucket documents: CORS rule, policy, default encryption, public-access block,"
              + " lifecycle rule")
  @APIResponse(responseCode = "200", description = "the documents")
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  @Path("setup")
  public JsonObject documents() {
    return BucketDocuments.forSettings(settings, multipart, origins).toJson();
  }

  @Operation(summary = "Applies the bucket documents")
  @APIResponse(responseCode = "200", description = "what each step did")
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @POST
  @Path("setup")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject apply() {
    JsonArrayBuilder steps = Jsons.createArrayBuilder();
    new BucketSetup(s3, settings, multipart, origins)
        .apply()
        .forEach(step -> steps.add(step.toJson()));
    return Jsons.createObjectBuilder().add("steps", steps).build();
  }

  @Operation(summary = "Checks the live bucket the way browsers and S3 see it")
  @APIResponse(responseCode = "200", description = "{healthy, findings}")
  @APIResponse(responseCode = "401", ref = "NotSignedIn")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @POST
  @Path("doctor")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject doctor() {
    return findingsJson(doctor.examine());
  }

  static JsonObject findingsJson(List<Finding> findings) {
    JsonArrayBuilder array = Jsons.createArrayBuilder();
    findings.forEach(finding -> array.add(finding.toJson()));
    return Jsons.createObjectBuilder()
        .add("healthy", BucketDoctor.healthy(findings))
        .add("findings", array)
        .build();
  }
}
