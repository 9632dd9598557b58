package org.s3directupload.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.logging.Logger;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Container-managed SDK clients: built once from the settings, shared by every request, closed on
 * undeploy so a redeploy leaves no SDK threads or connections behind. Credentials come from the
 * SDK's default chain (environment, system properties, profile, container or instance role), with
 * session tokens.
 */
@ApplicationScoped
public class StorageClients {

  @Inject UploadSettings settings;

  private AwsCredentialsProvider credentials;
  private S3Client client;
  private S3Presigner presigner;

  @PostConstruct
  void build() {
    credentials = DefaultCredentialsProvider.builder().build();
    client = newClient(settings, credentials);
    presigner = newPresigner(settings, credentials, client);
  }

  /** The client as the application configures it; the caller closes it. */
  public static S3Client newClient(UploadSettings settings, AwsCredentialsProvider credentials) {
    var builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .serviceConfiguration(addressing(settings))
            // only checksums S3 requires: otherwise a checksum of an empty body can be presigned
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The presigner as the application configures it, sharing the client's settings. */
  public static S3Presigner newPresigner(
      UploadSettings settings, AwsCredentialsProvider credentials, S3Client client) {
    var builder =
        S3Presigner.builder()
            .s3Client(client)
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .serviceConfiguration(addressing(settings));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * The origin ({@code scheme://host[:port]}) tickets send the browser to, found by presigning a
   * placeholder with throw-away credentials: the same addressing as real tickets, no network, and
   * no dependence on the real credentials being available yet.
   */
  public static URI storeOrigin(UploadSettings settings) {
    AwsCredentialsProvider placeholder =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("placeholder", "placeholder"));
    try (S3Client client = newClient(settings, placeholder);
        S3Presigner presigner = newPresigner(settings, placeholder, client)) {
      URI url =
          URI.create(
              TicketIssuer.forSettings(settings, presigner, placeholder, Clock.systemUTC())
                  .issueCanary(
                      settings.keyPrefix() + "placeholder",
                      new UploadRequest(
                          "placeholder",
                          settings.allowedContentTypes().patterns().get(0).replace("*", "x"),
                          0))
                  .url());
      return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }
  }

  private static S3Configuration addressing(UploadSettings settings) {
    return S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
  }

  @PreDestroy
  void close() {
    presigner.close();
    client.close();
    if (credentials instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing releases threads only; nothing is lost if it fails
        Logger.getLogger(StorageClients.class.getName())
            .fine(() -> "Credentials provider did not close cleanly: " + e);
      }
    }
  }

  @Produces
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  @Produces
  public S3Client client() {
    return client;
  }

  @Produces
  public S3Presigner presigner() {
    return presigner;
  }
}
