package org.s3directupload.uploads;

import java.time.Duration;
import java.util.Optional;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;

/**
 * Where the upload records live and how they are kept.
 *
 * @param dataSource JNDI name of the database of the records; empty means the limits' database,
 *     where a record is written in the same transaction as the ticket's count
 * @param sweepInterval how often the sweeper looks at tickets that expired unfinished
 * @param missingAfter how long after a ticket expired with nothing uploaded the record becomes
 *     {@code missing}
 * @param downloadLifetime how long a download link stays valid
 */
public record RecordSettings(
    Optional<String> dataSource,
    Duration sweepInterval,
    Duration missingAfter,
    Duration downloadLifetime) {

  /**
   * The records' keys, {@code upload.records.data-source}, {@code upload.records.sweep-interval},
   * {@code upload.records.missing-after}, {@code upload.records.download-lifetime}.
   */
  public enum Key implements Setting {
    DATA_SOURCE,
    SWEEP_INTERVAL,
    MISSING_AFTER,
    DOWNLOAD_LIFETIME;

    @Override
    public String prefix() {
      return "upload.records.";
    }
  }

  /**
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static RecordSettings read(SettingReader reader) {
    return new RecordSettings(
        reader.optional(Key.DATA_SOURCE),
        reader.duration(Key.SWEEP_INTERVAL, Duration.ofSeconds(1), Duration.ofDays(1), "PT1M"),
        reader.duration(Key.MISSING_AFTER, Duration.ZERO, Duration.ofDays(7), "PT5M"),
        reader.duration(Key.DOWNLOAD_LIFETIME, Duration.ofSeconds(1), Duration.ofHours(1), "PT1M"));
  }
}
