package org.s3directupload.signing;

/** Accepted uploads for tests that sign without going through the rules first. */
final class Accepted {

  private Accepted() {}

  /** An upload of {@code filename}, declared as {@code contentType}, of one byte. */
  static AcceptedUpload upload(String contentType, String filename) {
    return new AcceptedUpload(contentType, 1, FileNames.of(filename));
  }
}
