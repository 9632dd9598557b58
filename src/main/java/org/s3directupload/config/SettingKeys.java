package org.s3directupload.config;

import java.util.ArrayList;
import java.util.List;
import org.s3directupload.identity.LdapSettings;

/** Every key the application reads, in the order the README's table lists them. */
public final class SettingKeys {

  public static final List<String> ALL = all();

  private SettingKeys() {}

  private static List<String> all() {
    List<String> keys = new ArrayList<>(UploadSettings.KEYS);
    keys.addAll(IdentitySettings.KEYS);
    keys.addAll(LdapSettings.KEYS);
    keys.addAll(LimitSettings.KEYS);
    return List.copyOf(keys);
  }
}
