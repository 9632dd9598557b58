package org.s3directupload.devstore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.s3directupload.config.SettingKeys;
import org.s3directupload.config.StandaloneConfig;
import org.s3directupload.config.UploadSettings;

/**
 * The {@code upload.*} values for a run against the embedded store, the way the application will
 * read them: the shipped defaults, then values chosen for the store, then the caller's own {@code
 * UPLOAD_*} environment, which wins, as in MicroProfile Config.
 */
public final class DevSettings {

  private final Map<String, String> values;

  private DevSettings(Map<String, String> values) {
    this.values = values;
  }

  /**
   * @param forStore values that make the application use the embedded store
   * @param environment the caller's environment
   */
  public static DevSettings of(Map<String, String> forStore, Map<String, String> environment) {
    Map<String, String> values = new LinkedHashMap<>(shippedDefaults());
    values.putAll(forStore);
    for (String key : SettingKeys.ALL) {
      String fromEnvironment = environment.get(environmentName(key));
      if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
        values.put(key, fromEnvironment);
      }
    }
    return new DevSettings(values);
  }

  /** The settings as the application will convert them; throws naming a bad key. */
  public UploadSettings settings() {
    return UploadSettings.read(key -> Optional.ofNullable(values.get(key)));
  }

  /** The values as environment variables for the application's process. */
  public Map<String, String> asEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    values.forEach((key, value) -> environment.put(environmentName(key), value));
    return environment;
  }

  /** MicroProfile Config's mapping: non-alphanumerics become '_', then upper case. */
  public static String environmentName(String key) {
    return StandaloneConfig.environmentName(key);
  }

  /** The defaults shipped in {@code META-INF/microprofile-config.properties}. */
  public static Map<String, String> shippedDefaults() {
    return StandaloneConfig.shippedDefaults();
  }
}
