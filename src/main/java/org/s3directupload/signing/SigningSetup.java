package org.s3directupload.signing;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import org.s3directupload.config.UploadSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the one {@link TicketIssuer} of the application with the configured signer. */
@ApplicationScoped
public class SigningSetup {

  @Inject UploadSettings settings;
  @Inject S3Presigner presigner;
  @Inject AwsCredentialsProvider credentials;

  private TicketIssuer issuer;

  @PostConstruct
  void build() {
    issuer = TicketIssuer.forSettings(settings, presigner, credentials, Clock.systemUTC());
  }

  @Produces
  public TicketIssuer issuer() {
    return issuer;
  }
}
