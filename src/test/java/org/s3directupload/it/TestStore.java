package org.s3directupload.it;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.s3directupload.devstore.DevSettings;
import org.s3directupload.devstore.DevStore;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One embedded store per test JVM, started before the first test class that needs it and configured
 * from the same {@code UPLOAD_*} environment the server under test reads (failsafe sets it for
 * both), so the bucket, origins and CORS headers agree with what the server signs.
 */
public final class TestStore implements BeforeAllCallback {

  private static DevStore store;
  private static SigningSettings settings;
  private static Origins origins;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (TestStore.class) {
      if (store == null) {
        DevSettings dev = DevSettings.of(Map.of(), System.getenv());
        settings = dev.signing();
        origins = dev.origins();
        store = DevStore.start(settings, origins, Integer.getInteger("it.store.port"));
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

  /** The signing settings (with their store) the server under test runs with. */
  public static SigningSettings settings() {
    return settings;
  }

  /** The origins the server under test is served from; the first is the tests' own. */
  public static Origins origins() {
    return origins;
  }

  /** The origin the tests load pages from. */
  public static String pageOrigin() {
    return origins.allowed().get(0);
  }

  public static String bucket() {
    return settings.store().bucket();
  }

  public static URI endpoint() {
    return store.endpoint();
  }

  /** A client of the store with the development credentials, to look at what was stored. */
  public static S3Client client() {
    return store.client();
  }
}
