package org.s3directupload.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URL;
import java.util.logging.Logger;
import org.s3directupload.config.SettingReader;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Container-managed SDK clients: built once from the settings, shared by every request, closed on
 * undeploy so a redeploy leaves no SDK threads or connections behind. Credentials come from the
 * SDK's default chain (environment, system properties, profile, container or instance role), with
 * session tokens.
 */
@ApplicationScoped
public class StorageClients {

  @Inject StoreSettings settings;

  private AwsCredentialsProvider credentials;
  private S3Client client;
  private S3Presigner presigner;

  /** The storage settings, read once per application. */
  @Produces
  @Singleton
  static StoreSettings settings(SettingReader reader) {
    return reader.read(StoreSettings::read);
  }

  @PostConstruct
  void build() {
    credentials = DefaultCredentialsProvider.builder().build();
    client = newClient(settings, credentials);
    presigner = newPresigner(settings, credentials, client);
  }

  /**
   * The client as the application configures it; the caller closes it. Every call it makes ends
   * within {@code upload.store-timeout}, retries included ({@link StoreTimeouts} says how the SDK's
   * and the HTTP client's time-outs follow from it); one that runs out of time throws an {@code
   * SdkClientException} that {@link StoreTimeouts#ranOutOfTime} recognises.
   */
  public static S3Client newClient(StoreSettings settings, AwsCredentialsProvider credentials) {
    StoreTimeouts timeouts = settings.timeouts();
    var builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(timeouts.connect())
                    .socketTimeout(timeouts.read())
                    .build())
            .overrideConfiguration(
                o -> o.apiCallTimeout(timeouts.call()).apiCallAttemptTimeout(timeouts.attempt()))
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .serviceConfiguration(pathStyle(settings))
            // only checksums S3 requires: otherwise a checksum of an empty body can be presigned
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The presigner as the application configures it, sharing the client's settings. */
  public static S3Presigner newPresigner(
      StoreSettings settings, AwsCredentialsProvider credentials, S3Client client) {
    var builder =
        S3Presigner.builder()
            .s3Client(client)
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .serviceConfiguration(pathStyle(settings));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * Where objects are addressed, with the same endpoint, region and addressing as the SDK's own
   * requests and presigned URLs; needs no credentials and no network.
   */
  public static S3Utilities addressing(StoreSettings settings) {
    var builder =
        S3Utilities.builder()
            .region(Region.of(settings.region()))
            .s3Configuration(pathStyle(settings));
    settings.endpoint().ifPresent(builder::endpoint);
    return builder.build();
  }

  /** The origin ({@code scheme://host[:port]}) every ticket sends the browser to. */
  public static URI storeOrigin(StoreSettings settings) {
    URL url = addressing(settings).getUrl(b -> b.bucket(settings.bucket()).key("placeholder"));
    return URI.create(url.getProtocol() + "://" + url.getAuthority());
  }

  private static S3Configuration pathStyle(StoreSettings settings) {
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
