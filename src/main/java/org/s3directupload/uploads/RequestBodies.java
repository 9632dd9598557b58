package org.s3directupload.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.s3directupload.signing.UploadRefusal;

/** Reads a request body with a bound, so a huge body costs the server nothing. */
final class RequestBodies {

  private RequestBodies() {}

  /**
   * @throws UploadRefusal 413 when the body is longer than {@code limit} bytes, 400 when it is not
   *     UTF-8
   */
  static String readUtf8(InputStream body, int limit) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(limit + 1);
    } catch (IOException e) {
      // the client went away or sent less than it announced: nothing to sign, nothing to log
      throw new UploadRefusal(
          UploadRefusal.Reason.INVALID_REQUEST, "The request body could not be read completely.");
    }
    if (bytes.length > limit) {
      throw new UploadRefusal(
          UploadRefusal.Reason.REQUEST_TOO_LARGE,
          "The request body is larger than "
              + limit
              + " bytes; an upload request is much smaller.");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UploadRefusal(
          UploadRefusal.Reason.INVALID_REQUEST, "The request body is not UTF-8 text.");
    }
  }
}
