package org.s3directupload.identity;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** The HTTP Basic {@code Authorization} header of a script's request (RFC 7617). */
final class BasicHeader {

  private BasicHeader() {}

  /** The name and password of a Basic header (UTF-8, RFC 7617), or null when it is not one. */
  static UsernamePasswordCredential credential(String authorization) {
    String header = authorization.strip();
    if (header.length() < 6 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      return null; // no name, or no password: nothing a store need check
    }
    return new UsernamePasswordCredential(
        decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
