package org.s3directupload.signing;

import java.util.Optional;
import org.s3directupload.words.ByteSizes;

/** Whether a well-formed request may be uploaded under the settings: its type and its size. */
final class UploadRules {

  private final SigningSettings settings;

  UploadRules(SigningSettings settings) {
    this.settings = settings;
  }

  /**
   * Checks the request and returns what gets signed: the content type in its one signed spelling,
   * the size, and the file's names.
   *
   * @throws UploadRefusal 400 for a malformed type, 415 for a type not allowed, 413 for too large
   */
  AcceptedUpload check(UploadRequest request) {
    return check(request, false);
  }

  /**
   * @param inParts whether the file goes in parts: then each part carries its own SHA-256, so no
   *     whole-file SHA-256 is asked for or kept
   */
  AcceptedUpload check(UploadRequest request, boolean inParts) {
    String type =
        ContentTypePolicy.normalize(request.contentType())
            .orElseThrow(
                () ->
                    UploadRefusal.invalid(
                        "The content type is not a media type such as application/pdf."));
    if (!settings.allowedContentTypes().allows(type)) {
      throw new UploadRefusal(
          UploadRefusal.Reason.TYPE_NOT_ALLOWED,
          "Files of type "
              + type
              + " are not accepted here. Accepted: "
              + String.join(", ", settings.allowedContentTypes().patterns())
              + ".");
    }
    if (request.size() > settings.maxSize()) {
      throw new UploadRefusal(
          UploadRefusal.Reason.TOO_LARGE,
          "The file is "
              + ByteSizes.describe(request.size())
              + "; the largest file accepted is "
              + ByteSizes.describe(settings.maxSize())
              + ".");
    }
    if (settings.requireChecksum() && !inParts && request.checksumSha256().isEmpty()) {
      throw UploadRefusal.invalid(
          "The file's SHA-256 is missing: this application requires checksumSha256, the base64"
              + " of the file's SHA-256.");
    }
    return new AcceptedUpload(
        type,
        request.size(),
        FileNames.of(request.filename()),
        inParts ? Optional.empty() : request.checksumSha256());
  }
}
