package org.s3directupload.words;

import java.util.Locale;

/** Byte counts the way people read them: binary multiples, as file managers show them. */
public final class ByteSizes {

  private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB", "EB"};

  private ByteSizes() {}

  /** {@code 512 bytes}, {@code 1.5 MB (1572864 bytes)}: with the exact figure for large ones. */
  public static String describe(long bytes) {
    String rounded = rounded(bytes);
    return bytes < 1024 ? rounded : rounded + " (" + bytes + " bytes)";
  }

  /** {@code 512 bytes}, {@code 1.5 MB}, {@code 100 MB}: short, for labels. */
  public static String rounded(long bytes) {
    if (bytes < 1024) {
      return bytes == 1 ? "1 byte" : bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String amount =
        value == Math.rint(value)
            ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.1f", value);
    return amount + " " + UNITS[unit];
  }
}
