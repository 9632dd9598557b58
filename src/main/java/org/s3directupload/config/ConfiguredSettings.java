package org.s3directupload.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
  private IdentitySettings identity;
  private LimitSettings limits;

  @PostConstruct
  void read() {
    try {
      Function<String, Optional<String>> source = key -> config.getOptionalValue(key, String.class);
      settings = UploadSettings.read(source);
      identity = IdentitySettings.read(source);
      limits = LimitSettings.read(source, settings.maxSize());
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
    LOG.info(() -> "People sign in against the " + identity.store().code() + " identity store.");
    List<String> plain = identity.users().plainTextNames();
    if (!plain.isEmpty()) {
      LOG.warning(
          () ->
              IdentitySettings.USERS
                  + " has plain-text passwords for "
                  + String.join(", ", plain)
                  + ". Outside a demo, replace them with PBKDF2 hashes (see the README).");
    }
  }

  @Produces
  public UploadSettings settings() {
    return settings;
  }

  @Produces
  public IdentitySettings identity() {
    return identity;
  }

  @Produces
  public LimitSettings limits() {
    return limits;
  }
}
