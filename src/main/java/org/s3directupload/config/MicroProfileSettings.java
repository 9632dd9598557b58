package org.s3directupload.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The server's MicroProfile Config as a {@link SettingReader}, for the features' own settings
 * producers.
 */
@ApplicationScoped
public class MicroProfileSettings {

  @Inject Config config;

  @Produces
  public SettingReader reader() {
    return new SettingReader(key -> config.getOptionalValue(key, String.class));
  }
}
