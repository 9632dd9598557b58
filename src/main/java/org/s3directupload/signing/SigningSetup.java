package org.s3directupload.signing;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.logging.Logger;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.SettingReader;
import org.s3directupload.limits.LimitSettings;
import org.s3directupload.storage.StoreSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The signing feature's settings and its one {@link TicketIssuer}, with the signer the signature
 * version asks for. Both are made at start, so a wrong setting stops the deployment.
 */
@ApplicationScoped
public class SigningSetup {

  private static final Logger LOG = Logger.getLogger(SigningSetup.class.getName());

  @Inject SigningSettings settings;
  @Inject AwsCredentialsProvider credentials;

  private TicketIssuer issuer;

  /**
   * The signing settings, read once per application; the limits must let one person upload the
   * largest file allowed.
   */
  @Produces
  @Singleton
  static SigningSettings settings(SettingReader reader, StoreSettings store, LimitSettings limits) {
    return reader.read(
        r -> {
          SigningSettings signing = SigningSettings.read(r, store);
          if (limits.bytes() < signing.maxSize()) {
            throw new InvalidSettingException(
                LimitSettings.Key.BYTES,
                "is "
                    + limits.bytes()
                    + ", less than "
                    + SigningSettings.Key.MAX_SIZE.key()
                    + " ("
                    + signing.maxSize()
                    + "), so the largest allowed file could never be uploaded.");
          }
          return signing;
        });
  }

  /** The multipart settings, read once per application. */
  @Produces
  @Singleton
  static MultipartSettings multipart(SettingReader reader, SigningSettings signing) {
    return reader.read(r -> MultipartSettings.read(r, signing));
  }

  @PostConstruct
  void build() {
    issuer = TicketIssuer.forSettings(settings, credentials, Clock.systemUTC());
  }

  void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.info(
        () ->
            "Uploads go to bucket "
                + settings.store().bucket()
                + " under '"
                + settings.keyPrefix()
                + "', signed with "
                + settings.signatureVersion()
                + ", encrypted with "
                + settings.store().sse().headerValue()
                + ".");
  }

  @Produces
  public TicketIssuer issuer() {
    return issuer;
  }
}
