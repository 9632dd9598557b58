package org.s3directupload.devstore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.identity.IdentitySettings;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.web.Origins;

/**
 * The README's run command: the embedded store, then Payara Micro with the WAR pointed at it, then
 * the address to open. Ctrl-C stops both.
 *
 * <p>System properties: {@code dev.http.port} (8080), {@code dev.store.port} (9000), {@code
 * dev.micro.jar} and {@code dev.war} (set by the build). {@code UPLOAD_*} environment variables
 * override the development values, e.g. {@code UPLOAD_ALLOWED_CONTENT_TYPES='image/*'}.
 */
public final class DevServer {

  /** The documented demo account of the run command (README). */
  public static final String DEMO_USER = "demo";

  public static final String DEMO_PASSWORD = "demo";

  private DevServer() {}

  public static void main(String[] args) throws Exception {
    int httpPort = Integer.getInteger("dev.http.port", 8080);
    int storePort = Integer.getInteger("dev.store.port", 9000);
    Path microJar = Path.of(System.getProperty("dev.micro.jar"));
    Path war = Path.of(System.getProperty("dev.war"));
    for (Path required : new Path[] {microJar, war}) {
      if (!Files.isRegularFile(required)) {
        System.err.println(
            "Missing " + required + ": run the README's run command, which builds it.");
        System.exit(2);
      }
    }

    Map<String, String> forStore = new LinkedHashMap<>();
    forStore.put(StoreSettings.Key.BUCKET.key(), "uploads");
    forStore.put(StoreSettings.Key.ENDPOINT.key(), "http://127.0.0.1:" + storePort);
    forStore.put(StoreSettings.Key.PATH_STYLE.key(), "true");
    forStore.put(
        Origins.Key.ALLOWED_ORIGINS.key(),
        "http://localhost:" + httpPort + ",http://127.0.0.1:" + httpPort);
    forStore.put(
        IdentitySettings.Key.USERS.key(),
        DEMO_USER + ":" + DEMO_PASSWORD + ":uploader+upload-admin");
    DevSettings dev = DevSettings.of(forStore, System.getenv());
    SigningSettings settings;
    MultipartSettings multipart;
    Origins origins;
    try {
      settings = dev.signing();
      multipart = MultipartSettings.read(dev.reader(), settings);
      origins = dev.origins();
    } catch (InvalidSettingException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }

    Instant started = Instant.now();
    DevStore store = DevStore.start(settings, origins, storePort);
    String setup =
        store.applySetup(multipart).stream()
            .map(step -> step.document() + " " + step.outcome().code())
            .collect(Collectors.joining(", "));
    Map<String, String> environment = new LinkedHashMap<>(dev.asEnvironment());
    environment.put("AWS_ACCESS_KEY_ID", DevStore.ACCESS_KEY);
    environment.put("AWS_SECRET_ACCESS_KEY", DevStore.SECRET_KEY);
    environment.remove("AWS_SESSION_TOKEN");
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    PayaraMicro micro = PayaraMicro.start(microJar, war, httpPort, "/", environment, System.out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    micro.close();
                    store.close();
                  } catch (Exception e) {
                    System.err.println("Stopping: " + e.getMessage());
                  }
                }));

    if (!micro.awaitConsole(PayaraMicro.READY, PayaraMicro.START_TIMEOUT)) {
      System.err.println("Payara Micro did not start; its console is above.");
      System.exit(1);
    }
    System.out.printf(
        "%n"
            + "  S3 Direct Upload is running (started in %s).%n"
            + "  Open        http://localhost:%d/%n"
            + "  Sign in as  %s, password %s (uploader and upload-admin; set UPLOAD_USERS for others)%n"
            + "  Store       %s, bucket '%s' (S3Proxy in memory: objects last until you stop)%n"
            + "  Bucket      setup applied where S3Proxy supports it: %s%n"
            + "  Credentials %s / %s (development only)%n"
            + "  Stop        Ctrl-C%n%n",
        PayaraMicro.seconds(Duration.between(started, Instant.now())),
        httpPort,
        DEMO_USER,
        DEMO_PASSWORD,
        store.endpoint(),
        settings.store().bucket(),
        setup,
        DevStore.ACCESS_KEY,
        DevStore.SECRET_KEY);
    System.exit(micro.waitFor());
  }
}
