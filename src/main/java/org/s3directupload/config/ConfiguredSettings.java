package org.s3directupload.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the settings once per application and makes them injectable. Observing the application's
 * start forces the read during deployment, so an invalid value stops start-up instead of the first
 * upload.
 */
@ApplicationScoped
public class ConfiguredSettings {

  private static final Logger LOG = Logger.getLogger(ConfiguredSettings.class.getName());

  @Inject Config config;

  private UploadSettings settings;

  @PostConstruct
  void read() {
    try {
      settings = UploadSettings.read(key -> config.getOptionalValue(key, String.class));
    } catch (InvalidSettingException e) {
      LOG.severe(e.getMessage());
      throw e;
    }
  }

  void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
    LOG.info(
        () ->
            "Uploads go to bucket "
                + settings.bucket()
                + " under '"
                + settings.keyPrefix()
                + "', signed with "
                + settings.signatureVersion()
                + ", encrypted with "
                + settings.sse().headerValue()
                + ".");
  }

  @Produces
  public UploadSettings settings() {
    return settings;
  }
}
