package org.s3directupload.config;

import java.util.Map;
import java.util.Optional;
import org.s3directupload.devstore.DevSettings;

/** Settings as the application reads them: the shipped defaults, then the given values on top. */
public final class TestSettings {

  private TestSettings() {}

  /** Reads settings from the defaults overlaid with {@code bucket=test-bucket} and {@code kv}. */
  public static UploadSettings with(String... kv) {
    Map<String, String> values = DevSettings.shippedDefaults();
    values.put(UploadSettings.BUCKET, "test-bucket");
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        values.remove(kv[i]);
      } else {
        values.put(kv[i], kv[i + 1]);
      }
    }
    return UploadSettings.read(key -> Optional.ofNullable(values.get(key)));
  }
}
