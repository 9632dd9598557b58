package org.s3directupload.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.web.Origins;

/**
 * Settings as the application reads them, for tests: values on top of a base (by default the
 * shipped defaults with {@code upload.bucket=test-bucket}), where a null value removes a key.
 */
public final class TestSettings {

  private TestSettings() {}

  /** {@code base} with the key/value pairs {@code kv} on top; a null value removes its key. */
  public static Map<String, String> overlay(Map<String, String> base, String... kv) {
    Map<String, String> values = new LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        values.remove(kv[i]);
      } else {
        values.put(kv[i], kv[i + 1]);
      }
    }
    return values;
  }

  /** The shipped defaults, {@code upload.bucket=test-bucket}, then {@code kv}. */
  public static SettingReader reader(String... kv) {
    Map<String, String> defaults = new LinkedHashMap<>(StandaloneConfig.shippedDefaults());
    defaults.put(StoreSettings.Key.BUCKET.key(), "test-bucket");
    return SettingReader.of(overlay(defaults, kv));
  }

  /** The signing settings (with their store) read from {@link #reader}. */
  public static SigningSettings signing(String... kv) {
    SettingReader reader = reader(kv);
    return SigningSettings.read(reader, StoreSettings.read(reader));
  }

  /** The storage settings read from {@link #reader}. */
  public static StoreSettings store(String... kv) {
    return StoreSettings.read(reader(kv));
  }

  /** The origins read from {@link #reader}. */
  public static Origins origins(String... kv) {
    return Origins.read(reader(kv));
  }
}
