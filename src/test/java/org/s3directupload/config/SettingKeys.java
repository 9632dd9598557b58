package org.s3directupload.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.s3directupload.identity.IdentitySettings;
import org.s3directupload.identity.LdapSettings;
import org.s3directupload.identity.SignInSettings;
import org.s3directupload.limits.LimitSettings;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.uploads.RecordSettings;
import org.s3directupload.web.Origins;

/**
 * Every key the application reads, feature by feature, in the order docs/configuration.md lists
 * them. Test code only: the application itself never needs all of them in one place.
 */
public final class SettingKeys {

  public static final List<String> ALL =
      keys(
          StoreSettings.Key.values(),
          SigningSettings.Key.values(),
          MultipartSettings.Key.values(),
          Origins.Key.values(),
          IdentitySettings.Key.values(),
          SignInSettings.Key.values(),
          LdapSettings.Key.values(),
          LimitSettings.Key.values(),
          RecordSettings.Key.values());

  private SettingKeys() {}

  private static List<String> keys(Setting[]... features) {
    List<String> keys = new ArrayList<>();
    for (Setting[] feature : features) {
      Arrays.stream(feature).map(Setting::key).forEach(keys::add);
    }
    return List.copyOf(keys);
  }
}
