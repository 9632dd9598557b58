package org.s3directupload.devstore;

import java.util.LinkedHashMap;
import java.util.Map;
import org.s3directupload.config.SettingKeys;
import org.s3directupload.config.SettingReader;
import org.s3directupload.config.StandaloneConfig;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.web.Origins;

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
    Map<String, String> values = new LinkedHashMap<>(StandaloneConfig.shippedDefaults());
    values.putAll(forStore);
    for (String key : SettingKeys.ALL) {
      String fromEnvironment = environment.get(StandaloneConfig.environmentName(key));
      if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
        values.put(key, fromEnvironment);
      }
    }
    return new DevSettings(values);
  }

  public SettingReader reader() {
    return SettingReader.of(values);
  }

  /** The signing settings, with their store, as the application will convert them. */
  public SigningSettings signing() {
    return SigningSettings.read(reader(), StoreSettings.read(reader()));
  }

  public Origins origins() {
    return Origins.read(reader());
  }

  /** The values as environment variables for the application's process. */
  public Map<String, String> asEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    values.forEach((key, value) -> environment.put(StandaloneConfig.environmentName(key), value));
    return environment;
  }
}
