package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.s3directupload.devstore.DevStore;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.BrowserSession;
import org.s3directupload.it.Http;
import org.s3directupload.it.People;
import org.s3directupload.it.TestStore;
import org.s3directupload.it.TheApp;

/**
 * What the server writes to its log during ordinary and hostile use contains no presigned URL, no
 * signature, no secret, no password (right or wrong), no session id and no page token. Payara Micro
 * is started directly so that its whole console is captured.
 */
@ExtendWith(TestStore.class)
class ServerLogIT {

  @Test
  void logNeverShowsSignaturesOrSecrets() throws Exception {
    try (PayaraMicro micro = DirectPayara.start(Map.of())) {
      TheApp app = DirectPayara.app();
      URI uploads = app.resolve("api/uploads");

      BrowserSession session = new BrowserSession(app);
      session.signIn(People.BOB.username(), "a-wrong-password-for-bob", session.origin());
      session.signIn(People.ALICE);
      String token = session.csrfToken();
      assertEquals(201, session.requestTicket(Map.of(CSRF, token)).statusCode());
      assertEquals(403, session.requestTicket(Map.of(CSRF, "forged-token-value")).statusCode());
      assertEquals(
          401,
          Http.send(
                  HttpRequest.newBuilder(uploads)
                      .header("Authorization", "Basic " + basic("alice:another-wrong-password"))
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build())
              .statusCode());
      HttpResponse<String> ticket =
          People.ALICE.post(
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
        assertTrue(People.ALICE.post(uploads, "application/json", body).statusCode() / 100 == 4);
      }
      assertEquals(
          200,
          People.ADA.post(app.resolve("api/bucket/doctor"), "application/json", "").statusCode());
      assertEquals(200, People.ALICE.get(app.base()).statusCode());
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
              "JSESSIONID",
              session.sessionId().orElseThrow(),
              token,
              "forged-token-value",
              People.ALICE.password(),
              People.ADA.password(),
              "a-wrong-password-for-bob",
              "another-wrong-password",
              basic("alice:another-wrong-password"),
              People.ALICE.basic().substring(6))) {
        assertFalse(log.contains(secret), "the server log contains " + secret);
      }
      assertFalse(
          log.contains("\tat org.s3directupload"), "a stack trace from our code was logged");
    }
  }

  private static final String CSRF = "X-CSRF-Token";

  private static String basic(String pair) {
    return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
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
