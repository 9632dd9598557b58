package org.s3directupload.signing;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.s3directupload.limits.UploadLimits;

/** {@code POST /api/uploads}: a request for one upload in, a signed ticket out. */
@Path("uploads")
@RequestScoped
public class UploadsResource {

  /** A request is three short fields; anything much larger is not one. */
  static final int LARGEST_BODY = 16 * 1024;

  @Inject TicketIssuer issuer;

  @Inject UploadLimits limits;

  @Context SecurityContext security;

  /** A ticket for the signed-in person (web.xml lets only the uploader role get here). */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(InputStream body) {
    UploadRequest request = UploadRequest.fromJson(RequestBodies.readUtf8(body, LARGEST_BODY));
    String person = security.getUserPrincipal().getName();
    AcceptedUpload upload = issuer.accept(request); // a refused request counts against no limit
    limits.reserve(person, upload.size());
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(Response.Status.CREATED)
        .cacheControl(noStore)
        .entity(issuer.issue(person, upload).toJson())
        .build();
  }
}
