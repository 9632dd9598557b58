package org.s3directupload.limits;

import java.time.Duration;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;

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

  /**
   * The limits' keys, in the order the configuration reference lists them. {@code
   * upload.limits.tickets}, {@code upload.limits.tickets-window}, {@code upload.limits.bytes},
   * {@code upload.limits.bytes-window}, {@code upload.limits.data-source}.
   */
  public enum Key implements Setting {
    TICKETS,
    TICKETS_WINDOW,
    BYTES,
    BYTES_WINDOW,
    DATA_SOURCE;

    @Override
    public String prefix() {
      return "upload.limits.";
    }
  }

  private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);
  private static final Duration LONGEST_WINDOW = Duration.ofDays(31);

  /**
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static LimitSettings read(SettingReader reader) {
    return new LimitSettings(
        reader.wholeNumber(Key.TICKETS, 1, Long.MAX_VALUE, "tickets"),
        reader.duration(Key.TICKETS_WINDOW, SHORTEST_WINDOW, LONGEST_WINDOW, "PT1M"),
        reader.wholeNumber(Key.BYTES, 1, Long.MAX_VALUE, "bytes"),
        reader.duration(Key.BYTES_WINDOW, SHORTEST_WINDOW, LONGEST_WINDOW, "P1D"),
        reader.required(Key.DATA_SOURCE));
  }
}
