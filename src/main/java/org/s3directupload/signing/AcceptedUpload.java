package org.s3directupload.signing;

import java.util.Optional;

/**
 * A request that passed {@link UploadRules}: the one value a ticket is signed from. Only the rules
 * make one, so a ticket is never signed for a request that skipped them, and nothing is checked or
 * computed twice.
 */
public final class AcceptedUpload {

  private final String contentType;
  private final long size;
  private final FileNames.FileName name;
  private final Optional<String> checksumSha256;

  AcceptedUpload(
      String contentType, long size, FileNames.FileName name, Optional<String> checksumSha256) {
    this.contentType = contentType;
    this.size = size;
    this.name = name;
    this.checksumSha256 = checksumSha256;
  }

  /** The file's SHA-256, base64, when it was declared. */
  public Optional<String> checksumSha256() {
    return checksumSha256;
  }

  /** The declared media type in the one spelling that gets signed. */
  public String contentType() {
    return contentType;
  }

  /** The declared length in bytes. */
  public long size() {
    return size;
  }

  /** The safe name the object key ends in. */
  public String safeName() {
    return name.safe();
  }

  /** The person's own file name, Unicode kept. */
  public String displayName() {
    return name.display();
  }

  FileNames.FileName name() {
    return name;
  }

  @Override
  public String toString() {
    return "AcceptedUpload[" + contentType + ", " + size + " bytes, " + name.safe() + "]";
  }
}
