package org.s3directupload.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every resource lives under {@code /api}. */
@ApplicationPath("api")
public class ApiApplication extends Application {}
