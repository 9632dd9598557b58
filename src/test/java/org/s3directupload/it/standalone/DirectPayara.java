package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.TheApp;

/**
 * The built WAR on Payara Micro, started directly on the spare test port with the same {@code
 * UPLOAD_*} environment as the Arquillian runs, its whole console kept for the test to read.
 */
final class DirectPayara {

  private DirectPayara() {}

  /**
   * Starts and waits until Payara Micro says it is ready (whether the deployment worked or not).
   */
  static PayaraMicro start(Map<String, String> overrides) throws Exception {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(overrides);
    PayaraMicro micro =
        PayaraMicro.start(
            Path.of(System.getProperty("it.micro.jar")),
            Path.of(System.getProperty("it.war")),
            Integer.getInteger("it.spare.port"),
            "/",
            environment,
            null);
    assertTrue(
        micro.awaitConsole(PayaraMicro.READY, PayaraMicro.START_TIMEOUT),
        "Payara Micro did not finish starting:\n" + micro.console());
    return micro;
  }

  /** The application's root on loopback. */
  static TheApp app() {
    return new TheApp(URI.create("http://127.0.0.1:" + Integer.getInteger("it.spare.port") + "/"));
  }
}
