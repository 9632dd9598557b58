package org.s3directupload.devstore;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.s3directupload.bucket.BucketSetup;
import org.s3directupload.bucket.SetupStep;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketHeaders;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3Proxy on loopback, holding objects in memory, checking SigV2 and SigV4 signatures, expiry and
 * signed headers, and answering browsers with a CORS rule made from the application's settings: the
 * allowed origins, {@code PUT}, exactly the headers a ticket can carry, {@code ETag} exposed.
 *
 * <p>In memory on purpose: S3Proxy's filesystem store refuses the encryption header (501) rather
 * than keep plaintext on disk, and its encrypting middleware inherits that refusal. The in-memory
 * store accepts the header and keeps no byte on disk, but its {@code HEAD} reports {@code AES256}
 * for every object, also one stored without any encryption header (measured): what it says about
 * encryption proves nothing, and tests that must see whether an object is encrypted use moto.
 * Objects do not survive a restart.
 */
public final class DevStore implements AutoCloseable {

  /** Fixed development credentials; the store is for a developer's machine only. */
  public static final String ACCESS_KEY = "dev-access-key";

  public static final String SECRET_KEY = "dev-secret-key-for-the-embedded-store";

  private final BlobStore blobStore = new TransientNio2BlobStore();
  private final SigningSettings settings;
  private final Origins origins;
  private final int port;
  private S3Proxy proxy;

  private DevStore(SigningSettings settings, Origins origins, int port) {
    this.settings = settings;
    this.origins = origins;
    this.port = port;
  }

  /** Starts the store on {@code 127.0.0.1:port} and creates the settings' bucket. */
  public static DevStore start(SigningSettings settings, Origins origins, int port)
      throws Exception {
    DevStore store = new DevStore(settings, origins, port);
    store.serve(TicketHeaders.names(settings));
    store.blobStore.createContainer(settings.store().bucket());
    return store;
  }

  /** The headers the CORS rule allows: exactly the ticket's, as the application derives them. */
  public List<String> corsHeaders() {
    return TicketHeaders.names(settings);
  }

  /**
   * Restarts on the same port, objects kept, with a CORS rule that allows only {@code headers}: how
   * a test shows what the page says when the bucket's rule and the tickets disagree.
   */
  public void restartAllowingHeaders(List<String> headers) throws Exception {
    proxy.stop();
    serve(headers);
  }

  private void serve(List<String> allowedHeaders) throws Exception {
    List<String> originPatterns =
        origins.allowed().stream().map(origin -> "^" + Pattern.quote(origin) + "$").toList();
    proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .corsRules(
                new CrossOriginResourceSharing(
                    originPatterns,
                    List.of(settings.method().name()),
                    allowedHeaders,
                    List.of("ETag"),
                    ""))
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start on port " + port);
      }
      Thread.sleep(20);
    }
  }

  /** A client of the store with the development credentials; the caller closes it. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.of(settings.store().region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A presigner for the store with the development credentials; the caller closes it. */
  public S3Presigner presigner() {
    return S3Presigner.builder()
        .endpointOverride(endpoint())
        .region(Region.of(settings.store().region()))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /**
   * Applies what of the bucket setup the store supports (default encryption: S3Proxy has no bucket
   * CORS, policy or public-access block APIs, and says so), so that the first doctor run shows only
   * what is really missing.
   */
  public List<SetupStep> applySetup(MultipartSettings multipart) {
    try (S3Client client = client()) {
      return new BucketSetup(client, settings, multipart, origins).apply();
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
