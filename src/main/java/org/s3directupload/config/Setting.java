package org.s3directupload.config;

import java.util.Locale;

/**
 * A configuration key. Each feature lists its keys once, as the constants of an enum that
 * implements this; the key is the feature's prefix and the constant's name in lower case with
 * dashes: {@code MAX_SIZE} under {@code upload.} is {@code upload.max-size}. The enum's {@code
 * values()} is the feature's key list.
 */
public interface Setting {

  /** The enum constant's name, e.g. {@code MAX_SIZE}. */
  String name();

  /** What every key of the feature starts with, e.g. {@code upload.} or {@code upload.ldap.}. */
  String prefix();

  /** The key as MicroProfile Config reads it, e.g. {@code upload.max-size}. */
  default String key() {
    return prefix() + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
