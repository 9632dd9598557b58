package org.s3directupload.signing;

import java.util.Map;
import java.util.Optional;

/** Accepted uploads for tests that sign without going through the rules first. */
final class Accepted {

  private Accepted() {}

  /** An upload of {@code filename}, declared as {@code contentType}, of one byte. */
  static AcceptedUpload upload(String contentType, String filename) {
    return new AcceptedUpload(contentType, 1, FileNames.of(filename), Optional.empty());
  }

  /** An upload id for tests. */
  static final String ID = "0b5c8a1e-3f4d-4c2b-9a7e-6d5f4e3c2b1a";

  /** The headers of such an upload of alice's. */
  static Map<String, String> headers(
      SigningSettings settings, String contentType, String filename) {
    return TicketHeaders.forUpload(settings, upload(contentType, filename), "alice", ID);
  }
}
