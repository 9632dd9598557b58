package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.Http;

/**
 * A wrong value stops the deployment with a message naming the key. Payara Micro is started
 * directly (not through Arquillian, which treats a failed deployment as a broken test setup).
 */
class InvalidConfigurationIT {

  @Test
  void invalidValueStopsStartUpNamingTheKey() throws Exception {
    int port = Integer.getInteger("it.spare.port");
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("UPLOAD_URL_LIFETIME", "ten minutes");

    try (PayaraMicro micro =
        PayaraMicro.start(
            Path.of(System.getProperty("it.micro.jar")),
            Path.of(System.getProperty("it.war")),
            port,
            "/",
            environment,
            null)) {
      assertTrue(
          micro.awaitConsole(PayaraMicro.READY, Duration.ofMinutes(2)),
          "Payara Micro did not finish starting:\n" + micro.console());

      assertTrue(
          Pattern.compile(
                  "Invalid configuration: upload.url-lifetime must be an ISO-8601 duration such as"
                      + " PT10M, not 'ten minutes'.")
              .matcher(micro.console())
              .find(),
          micro.console());
      int status =
          Http.post(
                  URI.create("http://127.0.0.1:" + port + "/api/uploads"),
                  "application/json",
                  "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1}")
              .statusCode();
      assertNotEquals(201, status, "an application with an invalid setting must not sign uploads");
    }
  }
}
