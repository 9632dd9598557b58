package org.s3directupload.bench.floor;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The floor of the ticket benchmark: the least a JAX-RS {@code POST} of JSON can cost on the same
 * server, with the same request scope and the same answer status as a ticket. It reads the body and
 * answers a constant.
 */
@Path("floor")
@RequestScoped
public class FloorResource {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response post(String body) {
    return Response.status(Response.Status.CREATED)
        .entity("{\"read\":" + body.length() + "}")
        .build();
  }
}
