package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    try (PayaraMicro micro = DirectPayara.start(Map.of("UPLOAD_URL_LIFETIME", "ten minutes"))) {

      assertTrue(
          Pattern.compile(
                  "Invalid configuration: upload.url-lifetime must be an ISO-8601 duration such as"
                      + " PT10M, not 'ten minutes'.")
              .matcher(micro.console())
              .find(),
          micro.console());
      int status =
          Http.post(
                  DirectPayara.app().resolve("api/uploads"),
                  "application/json",
                  "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1}")
              .statusCode();
      assertNotEquals(201, status, "an application with an invalid setting must not sign uploads");
    }
  }
}
