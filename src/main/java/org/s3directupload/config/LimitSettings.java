package org.s3directupload.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How much one person may ask for: tickets per window and declared bytes per window. Windows are
 * aligned to the epoch (a {@code P1D} window is a UTC day), and the counts live in a database all
 * instances share.
 *
 * @param tickets tickets per {@code ticketsWindow}
 * @param ticketsWindow the window the ticket count applies to
 * @param bytes declared bytes per {@code bytesWindow}
 * @param bytesWindow the window the byte count applies to
 * @param dataSource JNDI name of the data source that keeps the counts
 */
public record LimitSettings(
    long tickets, Duration ticketsWindow, long bytes, Duration bytesWindow, String dataSource) {

  public static final String TICKETS = "upload.limits.tickets";
  public static final String TICKETS_WINDOW = "upload.limits.tickets-window";
  public static final String BYTES = "upload.limits.bytes";
  public static final String BYTES_WINDOW = "upload.limits.bytes-window";
  public static final String DATA_SOURCE = "upload.limits.data-source";

  public static final List<String> KEYS =
      List.of(TICKETS, TICKETS_WINDOW, BYTES, BYTES_WINDOW, DATA_SOURCE);

  /**
   * @param maxSize the largest single upload: a byte limit below it could never be met
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static LimitSettings read(Function<String, Optional<String>> source, long maxSize) {
    long bytes = count(BYTES, UploadSettings.required(source, BYTES));
    if (bytes < maxSize) {
      throw new InvalidSettingException(
          BYTES,
          "is "
              + bytes
              + ", less than "
              + UploadSettings.MAX_SIZE
              + " ("
              + maxSize
              + "), so the largest allowed file could never be uploaded.");
    }
    String dataSource = UploadSettings.required(source, DATA_SOURCE).strip();
    return new LimitSettings(
        count(TICKETS, UploadSettings.required(source, TICKETS)),
        window(TICKETS_WINDOW, UploadSettings.required(source, TICKETS_WINDOW)),
        bytes,
        window(BYTES_WINDOW, UploadSettings.required(source, BYTES_WINDOW)),
        dataSource);
  }

  private static long count(String key, String value) {
    try {
      long count = Long.parseLong(value.strip());
      if (count >= 1) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSettingException(
        key, "must be a whole number of at least 1, not '" + value + "'.");
  }

  private static Duration window(String key, String value) {
    Duration window;
    try {
      window = Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidSettingException(
          key, "must be an ISO-8601 duration such as PT1M or P1D, not '" + value + "'.");
    }
    if (window.compareTo(Duration.ofSeconds(1)) < 0
        || window.compareTo(Duration.ofDays(31)) > 0
        || window.getNano() != 0) {
      throw new InvalidSettingException(
          key, "must be whole seconds between PT1S and P31D, not '" + value + "'.");
    }
    return window;
  }
}
