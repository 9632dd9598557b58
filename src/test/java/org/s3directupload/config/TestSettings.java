package org.s3directupload.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Settings as the application reads them: the shipped defaults, then the given values on top. */
public final class TestSettings {

  private TestSettings() {}

  /** The defaults from {@code META-INF/microprofile-config.properties}. */
  public static Map<String, String> defaults() {
    Properties properties = new Properties();
    try (InputStream in =
        TestSettings.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    return values;
  }

  /** Reads settings from the defaults overlaid with {@code bucket=test-bucket} and {@code kv}. */
  public static UploadSettings with(String... kv) {
    Map<String, String> values = defaults();
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
