package org.s3directupload.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key segment that belongs to one person, derived from the principal name so that no name, in
 * any characters a directory allows, lands in another person's segment.
 *
 * <p>Letters, digits, {@code -} and {@code _} stand for themselves; every other UTF-8 byte becomes
 * {@code .XX} (upper-case hex). {@code .} never stands for itself, so the encoding is one-to-one:
 * two different names always give two different segments, and no segment is {@code .}, {@code ..}
 * or contains {@code /}. A segment longer than {@value #LONGEST} characters is cut and followed by
 * {@code .-} and the name's SHA-256 (the sequence {@code .-} cannot occur in a short segment).
 */
public final class PersonSegment {

  /** Keeps room in S3's 1024-byte keys for the prefix, the date, the id and the file name. */
  static final int LONGEST = 128;

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private PersonSegment() {}

  public static String of(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A person's segment needs a name");
    }
    if (!wellFormed(name)) {
      // getBytes would turn every unpaired surrogate into '?', and two names into one segment
      throw new IllegalArgumentException("A person's name must be well-formed Unicode");
    }
    StringBuilder segment = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_') {
        segment.append(c);
      } else {
        segment.append('.').append(HEX.toHexDigits(b));
      }
    }
    if (segment.length() <= LONGEST) {
      return segment.toString();
    }
    String head = segment.substring(0, 60);
    // never cut an escape in half
    int dot = head.lastIndexOf('.');
    if (dot > head.length() - 3) {
      head = head.substring(0, dot);
    }
    return head + ".-" + HEX.formatHex(sha256(name));
  }

  /** No unpaired surrogate. */
  public static boolean wellFormed(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] sha256(String name) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
