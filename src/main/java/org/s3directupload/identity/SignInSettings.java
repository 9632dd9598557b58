package org.s3directupload.identity;

import java.time.Duration;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;

/**
 * How much checking of passwords one instance does before it says no: failed sign-ins per name and
 * per client address within a window, and how long a successful HTTP Basic check is remembered so
 * that a script's next requests cost no password hash or directory bind.
 *
 * @param failuresPerName failed sign-ins for one name per {@code window}, then 429
 * @param failuresPerAddress failed sign-ins from one address per {@code window}, then 429
 * @param window the window both counts apply to, aligned to the epoch
 * @param basicMemory how long a successful Basic check is remembered; zero remembers none
 */
public record SignInSettings(
    long failuresPerName, long failuresPerAddress, Duration window, Duration basicMemory) {

  /**
   * The sign-in keys, {@code upload.sign-in.failures-per-name}, {@code ...-per-address}, {@code
   * ...-window}, {@code upload.sign-in.basic-memory}.
   */
  public enum Key implements Setting {
    FAILURES_PER_NAME,
    FAILURES_PER_ADDRESS,
    FAILURES_WINDOW,
    BASIC_MEMORY;

    @Override
    public String prefix() {
      return "upload.sign-in.";
    }
  }

  /**
   * @throws InvalidSettingException naming the first key whose value cannot be used
   */
  public static SignInSettings read(SettingReader reader) {
    return new SignInSettings(
        reader.wholeNumber(Key.FAILURES_PER_NAME, 1, 1_000_000, "sign-ins"),
        reader.wholeNumber(Key.FAILURES_PER_ADDRESS, 1, 1_000_000, "sign-ins"),
        reader.duration(Key.FAILURES_WINDOW, Duration.ofSeconds(1), Duration.ofDays(1), "PT15M"),
        reader.duration(Key.BASIC_MEMORY, Duration.ZERO, Duration.ofMinutes(15), "PT1M"));
  }
}
