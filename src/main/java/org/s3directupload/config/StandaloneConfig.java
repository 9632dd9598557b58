package org.s3directupload.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings outside an application server (the bucket command), looked up the way MicroProfile
 * Config does it: system property, then environment variable ({@code upload.key-prefix} as {@code
 * UPLOAD_KEY_PREFIX}), then the shipped defaults.
 */
public final class StandaloneConfig {

  private final Map<String, String> defaults = shippedDefaults();

  private StandaloneConfig() {}

  /** A reader over this process's system properties, environment and the shipped defaults. */
  public static SettingReader reader() {
    return new SettingReader(new StandaloneConfig()::lookup);
  }

  /** The defaults shipped in {@code META-INF/microprofile-config.properties}. */
  public static Map<String, String> shippedDefaults() {
    Properties properties = new Properties();
    try (InputStream in =
        StandaloneConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    return values;
  }

  /** MicroProfile Config's environment name for a key: non-alphanumerics as '_', upper case. */
  public static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  private Optional<String> lookup(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      value = System.getenv(key);
    }
    if (value == null) {
      value = System.getenv(key.replaceAll("[^A-Za-z0-9]", "_"));
    }
    if (value == null) {
      value = System.getenv(environmentName(key));
    }
    if (value == null) {
      value = defaults.get(key);
    }
    return Optional.ofNullable(value).filter(v -> !v.isEmpty());
  }
}
