package org.s3directupload.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings outside an application server (the bucket command), looked up the way MicroProfile
 * Config does it: system property, then environment variable ({@code upload.key-prefix} as {@code
 * UPLOAD_KEY_PREFIX}), then the shipped defaults.
 */
public final class StandaloneConfig {

  private final Properties defaults = new Properties();

  private StandaloneConfig() {
    try (InputStream in =
        StandaloneConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      if (in != null) {
        defaults.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and checks the settings from this process's system properties and environment. */
  public static UploadSettings settings() {
    return UploadSettings.read(new StandaloneConfig()::lookup);
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
      value = System.getenv(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
    }
    if (value == null) {
      value = defaults.getProperty(key);
    }
    return Optional.ofNullable(value).filter(v -> !v.isEmpty());
  }
}
