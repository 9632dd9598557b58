package org.s3directupload.bench.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The floor's JAX-RS application, at {@code /api} like ours. */
@ApplicationPath("api")
public class FloorApplication extends Application {}
