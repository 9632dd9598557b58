package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What another site can make a signed-in person's browser send, and that none of it gets a ticket:
 * the session cookie alone is not enough, the page's token and our own origin are needed.
 */
@OnTheServer
class CrossSiteIT {

  private static final String EVIL = "https://evil.example";
  private static final String PDF =
      "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":3}";

  @ArquillianResource TheApp app;

  private BrowserSession victim;
  private String token;

  @BeforeEach
  void signIn() throws Exception {
    victim = new BrowserSession(app);
    victim.signIn(People.ALICE);
    token = victim.csrfToken();
  }

  private static void assertForbidden(HttpResponse<String> response) {
    Http.assertErrorShape(response, 403, "cross_site");
  }

  @Test
  void thePagesOwnRequestGetsATicket() throws Exception {
    HttpResponse<String> response =
        victim.requestTicket(
            Map.of(
                "X-CSRF-Token", token, "Origin", victim.origin(), "Sec-Fetch-Site", "same-origin"));

    assertEquals(201, response.statusCode(), response.body());
    assertTrue(Http.json(response).getString("key").startsWith(People.ALICE.segment()));
  }

  @Test
  void whatChromiumSendsUnderNoReferrerGetsATicket() throws Exception {
    HttpResponse<String> response =
        victim.requestTicket(
            Map.of("X-CSRF-Token", token, "Origin", "null", "Sec-Fetch-Site", "same-origin"));

    assertEquals(201, response.statusCode(), response.body());
  }

  @Test
  void withoutTheTokenTheSessionCookieIsNotEnough() throws Exception {
    assertForbidden(victim.requestTicket(Map.of()));
    assertForbidden(victim.requestTicket(Map.of("X-CSRF-Token", "")));
    assertForbidden(victim.requestTicket(Map.of("X-CSRF-Token", token.substring(1) + "A")));
  }

  @Test
  void anotherSessionsTokenDoesNotFit() throws Exception {
    BrowserSession bob = new BrowserSession(app);
    bob.signIn(People.BOB);

    assertForbidden(victim.requestTicket(Map.of("X-CSRF-Token", bob.csrfToken())));
  }

  @Test
  void aForeignOriginIsRefusedEvenWithTheToken() throws Exception {
    for (String origin : List.of(EVIL, "null", victim.origin().replace("127.0.0.1", "localhost"))) {
      assertForbidden(victim.requestTicket(Map.of("X-CSRF-Token", token, "Origin", origin)));
    }
  }

  @Test
  void aRequestTheBrowserMarksCrossSiteIsRefused() throws Exception {
    for (String site : List.of("cross-site", "same-site")) {
      assertForbidden(victim.requestTicket(Map.of("X-CSRF-Token", token, "Sec-Fetch-Site", site)));
    }
  }

  @Test
  void aCrossSiteFormPostGets403Not415() throws Exception {
    for (String type :
        List.of(
            "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x")) {
      HttpResponse<String> response =
          victim.send(
              victim
                  .request(app.resolve("api/uploads"))
                  .header("Content-Type", type)
                  .header("Origin", EVIL)
                  .header("Sec-Fetch-Site", "cross-site")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"filename\":\"a.pdf\"}"))
                  .build());
      assertForbidden(response);
    }
  }

  @Test
  void aForgedSignInFromAnotherSiteIsRefused() throws Exception {
    BrowserSession target = new BrowserSession(app);

    HttpResponse<String> response =
        target.signIn(People.BOB.username(), People.BOB.password(), EVIL);

    assertEquals(403, response.statusCode(), response.body());
    assertTrue(
        List.of(302, 303).contains(target.get(app.base()).statusCode()), "no one may be signed in");
  }

  @Test
  void scriptsWithBasicNeedNoToken() throws Exception {
    assertEquals(
        201, People.ALICE.post(app.resolve("api/uploads"), "application/json", PDF).statusCode());
  }

  @Test
  void aBrowserReplayingCachedBasicCredentialsNeedsTheToken() throws Exception {
    assertForbidden(aliceWithBasic("Sec-Fetch-Site", "same-origin"));
  }

  @Test
  void otherSpellingsOfTheApiPathAreGuardedAlike() throws Exception {
    for (String path : List.of("api/uploads/", "api;x=1/uploads", "%61pi/uploads")) {
      HttpResponse<String> response =
          victim.send(
              victim
                  .request(URI.create(app + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(PDF))
                  .build());
      assertTrue(
          List.of(403, 404).contains(response.statusCode()),
          path + " answered " + response.statusCode() + " " + response.body());
      assertTrue(
          response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
          path + " " + response.headers());
    }
  }

  @Test
  void basicFromAForeignOriginIsRefused() throws Exception {
    assertForbidden(aliceWithBasic("Origin", EVIL));
  }

  /** A ticket request as alice with HTTP Basic and one more header. */
  private HttpResponse<String> aliceWithBasic(String header, String value) throws Exception {
    return Http.send(
        People.ALICE
            .request(app.resolve("api/uploads"))
            .header("Content-Type", "application/json")
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(PDF))
            .build());
  }
}
