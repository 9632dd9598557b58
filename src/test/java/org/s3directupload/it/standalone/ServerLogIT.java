package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.s3directupload.devstore.DevStore;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.Http;
import org.s3directupload.it.TestStore;

/**
 * What the server writes to its log during ordinary and hostile use contains no presigned URL, no
 * signature and no secret. Payara Micro is started directly so that its whole console is captured.
 */
@ExtendWith(TestStore.class)
class ServerLogIT {

  @Test
  void logNeverShowsSignaturesOrSecrets() throws Exception {
    try (PayaraMicro micro = DirectPayara.start(Map.of())) {
      URI app = DirectPayara.app();
      URI uploads = app.resolve("api/uploads");

      HttpResponse<String> ticket =
          Http.post(
              uploads,
              "application/json",
              "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":3}");
      assertEquals(201, ticket.statusCode(), ticket.body());
      JsonObject json = Http.json(ticket);
      String signature = signatureOf(json.getString("url"));
      for (String body :
          List.of(
              "not json",
              "{\"filename\":\"../../x\",\"contentType\":\"text/html\",\"size\":1}",
              "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1e999999}",
              "[".repeat(3000))) {
        assertTrue(Http.post(uploads, "application/json", body).statusCode() / 100 == 4);
      }
      assertEquals(200, Http.get(app.resolve("api/bucket/doctor")).statusCode());
      assertEquals(200, Http.get(app).statusCode());
      Thread.sleep(500); // let the console pump catch up

      String log = micro.console();
      assertTrue(log.contains("Uploads go to bucket"), "the log was captured");
      for (String secret :
          List.of(
              signature,
              "X-Amz-Signature",
              "X-Amz-Credential",
              "Signature=",
              "AWSAccessKeyId",
              DevStore.SECRET_KEY,
              "JSESSIONID")) {
        assertFalse(log.contains(secret), "the server log contains " + secret);
      }
      assertFalse(
          log.contains("\tat org.s3directupload"), "a stack trace from our code was logged");
    }
  }

  private static String signatureOf(String url) {
    for (String parameter : url.substring(url.indexOf('?') + 1).split("&")) {
      if (parameter.startsWith("X-Amz-Signature=") || parameter.startsWith("Signature=")) {
        return parameter.substring(parameter.indexOf('=') + 1);
      }
    }
    throw new AssertionError("no signature in the ticket's URL");
  }
}
