package org.s3directupload.signing;

import java.util.Locale;

/** Byte counts the way people read them, with the exact figure for the large ones. */
public final class ByteSizes {

  private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB", "EB"};

  private ByteSizes() {}

  /** {@code 512 bytes}, {@code 1.5 MB (1572864 bytes)}; binary multiples, as file managers show. */
  public static String describe(long bytes) {
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
    return amount + " " + UNITS[unit] + " (" + bytes + " bytes)";
  }
}
