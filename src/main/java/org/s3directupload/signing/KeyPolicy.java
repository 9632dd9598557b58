package org.s3directupload.signing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Chooses where an upload goes: {@code {prefix}{yyyy}/{MM}/{dd}/{random id}/{safe name}}. The
 * server picks every segment, so a client can neither leave the prefix nor overwrite an object it
 * does not know the random id of, whatever file name it sends.
 */
public final class KeyPolicy {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final String prefix;

  /**
   * @param prefix already checked by the settings: safe segments ending in {@code /}
   */
  public KeyPolicy(String prefix) {
    this.prefix = prefix;
  }

  /** A fresh key for a file uploaded at {@code now} (UTC day). */
  public String keyFor(String filename, Instant now) {
    return prefix + DAY.format(now) + "/" + UUID.randomUUID() + "/" + FileNames.safeName(filename);
  }
}
