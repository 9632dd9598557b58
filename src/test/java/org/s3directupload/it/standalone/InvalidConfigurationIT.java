package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.Http;

/**
 * A wrong value stops the deployment with a message naming the key and the rule, and never a value
 * that may hold a secret. Payara Micro is started directly (not through Arquillian, which treats a
 * failed deployment as a broken test setup), and its whole console is read.
 */
class InvalidConfigurationIT {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a duration is quoted back: it helps, and holds no secret
        "UPLOAD_URL_LIFETIME|ten minutes|Invalid configuration: upload.url-lifetime must be an"
            + " ISO-8601 duration such as PT10M, not 'ten minutes'.|-",
        // the role forgotten: what follows the last colon is the end of the password
        "UPLOAD_USERS|alice:s3cr:etPart|Invalid configuration: upload.users entry 'alice' must end"
            + " in its roles|etPart",
        // an origin with a user name and password in it
        "UPLOAD_ALLOWED_ORIGINS|https://user:pa55word@uploads.example.com|Invalid configuration:"
            + " upload.allowed-origins must list origins|pa55word",
      })
  void anInvalidValueStopsStartUpNamingTheKeyButNoSecret(
      String variable, String value, String message, String secret) throws Exception {
    try (PayaraMicro micro = DirectPayara.start(Map.of(variable, value))) {

      assertTrue(micro.console().contains(message), micro.console());
      assertFalse(!secret.equals("-") && micro.console().contains(secret), micro.console());
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
