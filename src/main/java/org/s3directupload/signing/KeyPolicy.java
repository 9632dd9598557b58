package org.s3directupload.signing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.s3directupload.identity.PersonSegment;

/**
 * Chooses where an upload goes: {@code {prefix}{person}/{yyyy}/{MM}/{dd}/{random id}/{safe name}}.
 * The server picks every segment, so a client can neither leave the prefix, nor write into another
 * person's segment ({@link PersonSegment}), nor overwrite an object it does not know the random id
 * of, whatever file name it sends.
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

  /**
   * The key of a file {@code person} uploads at {@code now} (UTC day).
   *
   * @param id the upload's random id, which no one else can guess
   * @param safeName the file's safe name, from {@link FileNames#safeName}
   */
  public String keyFor(String person, UUID id, String safeName, Instant now) {
    return segmentOf(person) + DAY.format(now) + "/" + id + "/" + safeName;
  }

  /** Where every key of {@code person} starts: {@code {prefix}{person}/}. */
  public String segmentOf(String person) {
    return prefix + PersonSegment.of(person) + "/";
  }
}
