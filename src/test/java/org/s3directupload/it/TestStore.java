package org.s3directupload.it;

import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.s3directupload.config.UploadSettings;
import org.s3directupload.devstore.DevSettings;
import org.s3directupload.devstore.DevStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One embedded store per test JVM, started before the first test class that needs it and configured
 * from the same {@code UPLOAD_*} environment the server under test reads (failsafe sets it for
 * both), so the bucket, origins and CORS headers agree with what the server signs.
 */
public final class TestStore implements BeforeAllCallback {

  private static DevStore store;
  private static UploadSettings settings;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (TestStore.class) {
      if (store == null) {
        settings = DevSettings.of(java.util.Map.of(), System.getenv()).settings();
        store = DevStore.start(settings, Integer.getInteger("it.store.port"));
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .put(
                TestStore.class,
                (ExtensionContext.Store.CloseableResource)
                    () -> {
                      synchronized (TestStore.class) {
                        store.close();
                        store = null;
                      }
                    });
      }
    }
  }

  public static DevStore store() {
    return store;
  }

  /** The settings the server under test runs with. */
  public static UploadSettings settings() {
    return settings;
  }

  public static URI endpoint() {
    return store.endpoint();
  }

  /** A client of the store with the development credentials, to look at what was stored. */
  public static S3Client client() {
    return S3Client.builder()
        .endpointOverride(store.endpoint())
        .region(software.amazon.awssdk.regions.Region.of(settings.region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(DevStore.ACCESS_KEY, DevStore.SECRET_KEY)))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build();
  }
}
