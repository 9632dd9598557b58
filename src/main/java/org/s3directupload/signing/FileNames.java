package org.s3directupload.signing;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The two names a file gets from what the browser reports: a conservative ASCII name for the object
 * key, and the person's own name (Unicode kept) for the download's {@code Content-Disposition}.
 * Both start from the last path segment, so {@code C:\fakepath\a.pdf} and {@code ../../a.pdf} both
 * become {@code a.pdf}.
 */
final class FileNames {

  static final int LONGEST_SAFE_NAME = 100;
  private static final int LONGEST_EXTENSION = 10;
  private static final int LONGEST_DISPLAY_NAME = 255;
  private static final String FALLBACK = "file";

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final Pattern RUNS = Pattern.compile("[_]{2,}");
  private static final Set<String> DEVICE_NAMES =
      Set.of(
          "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
          "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

  private FileNames() {}

  /**
   * A name made only of {@code [A-Za-z0-9._-]}, never starting with a dot (so never {@code .} or
   * {@code ..}), never a Windows device name, at most {@value #LONGEST_SAFE_NAME} characters with
   * the extension kept.
   */
  static String safeName(String filename) {
    // NFKC first: full-width dots and slashes become real ones before the path is split
    String name = lastSegment(Normalizer.normalize(filename, Normalizer.Form.NFKC));
    name = withoutInvisibles(name);
    // strip accents (é -> e) so Latin names stay readable after the replacement below
    name = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
    name = UNSAFE.matcher(name).replaceAll("_");
    name = RUNS.matcher(name).replaceAll("_");
    name = trim(name);
    if (name.isEmpty()) {
      return FALLBACK;
    }
    int dot = name.indexOf('.');
    String base = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    if (DEVICE_NAMES.contains(base)) {
      name = "_" + name;
    }
    return bounded(name);
  }

  /** Both names of a file, each computed once. */
  static FileName of(String filename) {
    String safe = safeName(filename);
    return new FileName(safe, displayName(filename, safe));
  }

  /**
   * The person's own file name for display and download, Unicode kept, invisibles removed; the safe
   * name where nothing else is left.
   */
  private static String displayName(String filename, String safe) {
    String name =
        withoutInvisibles(lastSegment(Normalizer.normalize(filename, Normalizer.Form.NFC))).strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return safe;
    }
    int codePoints = name.codePointCount(0, name.length());
    if (codePoints > LONGEST_DISPLAY_NAME) {
      name = name.substring(0, name.offsetByCodePoints(0, LONGEST_DISPLAY_NAME));
    }
    return name;
  }

  /**
   * The two names of a file.
   *
   * @param safe for the object key: {@code [A-Za-z0-9._-]} only, see {@link #safeName}
   * @param display the person's own name, Unicode kept, for the download
   */
  record FileName(String safe, String display) {

    /**
     * {@code attachment} with the person's name in RFC 6266 / RFC 8187 form: {@code filename*}
     * keeps the Unicode name percent-encoded, {@code filename} gives older clients the safe name.
     * The value is pure ASCII without quotes, CR or LF, so it cannot break out of the header.
     */
    String contentDisposition() {
      return "attachment; filename=\"" + safe + "\"; filename*=UTF-8''" + percentEncode(display);
    }
  }

  private static String lastSegment(String path) {
    int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return cut < 0 ? path : path.substring(cut + 1);
  }

  /** Removes control, format (e.g. right-to-left override), separator and unassigned characters. */
  private static String withoutInvisibles(String name) {
    StringBuilder kept = new StringBuilder(name.length());
    name.codePoints()
        .filter(
            cp -> {
              int type = Character.getType(cp);
              return type != Character.CONTROL
                  && type != Character.FORMAT
                  && type != Character.LINE_SEPARATOR
                  && type != Character.PARAGRAPH_SEPARATOR
                  && type != Character.UNASSIGNED
                  && type != Character.PRIVATE_USE
                  && type != Character.SURROGATE;
            })
        .forEach(kept::appendCodePoint);
    return kept.toString();
  }

  private static String trim(String name) {
    int start = 0;
    while (start < name.length() && "._-".indexOf(name.charAt(start)) >= 0) {
      start++;
    }
    return trimEnd(name.substring(start));
  }

  private static String trimEnd(String name) {
    int end = name.length();
    while (end > 0 && "._".indexOf(name.charAt(end - 1)) >= 0) {
      end--;
    }
    return name.substring(0, end);
  }

  private static String bounded(String name) {
    if (name.length() <= LONGEST_SAFE_NAME) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension = "";
    if (dot > 0 && name.length() - dot <= LONGEST_EXTENSION + 1) {
      extension = name.substring(dot);
    }
    // only the cut end is trimmed: the start is already safe, and may be the '_' that defuses a
    // device name
    String base = trimEnd(name.substring(0, LONGEST_SAFE_NAME - extension.length()));
    return (base.isEmpty() ? FALLBACK : base) + extension;
  }

  private static String percentEncode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean attrChar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (attrChar) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return encoded.toString();
  }
}
