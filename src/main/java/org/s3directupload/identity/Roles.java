package org.s3directupload.identity;

import java.util.List;

/** The application's roles. A store hands them out; web.xml and the resources check them. */
public final class Roles {

  /** May obtain upload tickets. */
  public static final String UPLOADER = "uploader";

  /** May run the bucket setup and the bucket doctor. */
  public static final String ADMIN = "upload-admin";

  public static final List<String> ALL = List.of(UPLOADER, ADMIN);

  private Roles() {}
}
