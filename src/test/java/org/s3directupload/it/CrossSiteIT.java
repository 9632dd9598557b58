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
  void originNullIsNeverAReasonToAcceptEvenWithTheToken() throws Exception {
    // an opaque origin is what another site's no-referrer page sends; our pages send their own
    assertForbidden(
        victim.requestTicket(
            Map.of("X-CSRF-Token", token, "Origin", "null", "Sec-Fetch-Site", "same-origin")));
    BrowserSession target = new BrowserSession(app);
    HttpResponse<String> signIn =
        target.signIn(People.BOB.username(), People.BOB.password(), "null");
    assertEquals(403, signIn.statusCode(), signIn.body());
    assertNotSignedIn(target);
  }

  /**
   * The sign-in form's fields in a link's address, as Faces would take them: Mojarra needs {@code
   * form=form}, MyFaces {@code form_SUBMIT=1}; a transient view's state is {@code stateless}.
   */
  private URI formInTheAddress(String page, String form, Map<String, String> fields) {
    Map<String, String> query = new java.util.LinkedHashMap<>();
    query.put(form, form);
    query.put(form + "_SUBMIT", "1");
    query.putAll(fields);
    query.put("jakarta.faces.ViewState", "stateless");
    return app.resolve(page + "?" + BrowserSession.formEncoded(query));
  }

  private void assertNotSignedIn(BrowserSession session) throws Exception {
    assertTrue(
        List.of(302, 303).contains(session.get(app.base()).statusCode()),
        "no one may be signed in");
  }

  private void assertStillSignedInAsAlice() throws Exception {
    HttpResponse<String> page = victim.get(app.resolve("index.xhtml"));
    assertEquals(200, page.statusCode(), "the victim was signed out");
    assertTrue(page.body().contains("Signed in as <strong>alice</strong>"), page.body());
  }

  @Test
  void aLinkCarryingTheSignInFormSignsNoOneIn() throws Exception {
    URI link =
        formInTheAddress(
            "login.xhtml",
            "login",
            Map.of(
                "login:name", People.BOB.username(),
                "login:password", People.BOB.password(),
                "login:submit", "Sign in"));
    for (Map<String, String> browser :
        List.of(Map.of("Sec-Fetch-Site", "cross-site"), Map.<String, String>of())) {
      BrowserSession target = new BrowserSession(app);
      HttpRequest.Builder request = target.request(link).GET();
      browser.forEach(request::header);

      HttpResponse<String> response = target.send(request.build());

      assertEquals(403, response.statusCode(), response.body());
      assertTrue(response.body().contains("sent in the address of a link"), response.body());
      assertNotSignedIn(target);
    }
  }

  @Test
  void aLinkCarryingTheSignOutFormLeavesTheVictimSignedIn() throws Exception {
    URI link = formInTheAddress("index.xhtml", "sign-out", Map.of("sign-out:submit", "Sign out"));

    HttpResponse<String> response =
        victim.send(victim.request(link).header("Sec-Fetch-Site", "cross-site").GET().build());

    assertEquals(403, response.statusCode(), response.body());
    assertStillSignedInAsAlice();
  }

  @Test
  void formsPostedByAnotherSiteFromABrowserThatSaysNothingFailOnTheToken() throws Exception {
    // no Origin and no Sec-Fetch-Site: what a browser too old to send either would send
    Map<String, String> signIn =
        Map.of(
            "login", "login",
            "login_SUBMIT", "1",
            "login:name", People.BOB.username(),
            "login:password", People.BOB.password(),
            "login:submit", "Sign in",
            "jakarta.faces.ViewState", "stateless");
    BrowserSession target = new BrowserSession(app);
    target.get(app.resolve("login.xhtml")); // even with a session of its own
    HttpResponse<String> forgedSignIn = postForm(target, "login.xhtml", signIn);
    Map<String, String> signOut =
        Map.of(
            "sign-out", "sign-out",
            "sign-out_SUBMIT", "1",
            "sign-out:submit", "Sign out",
            "jakarta.faces.ViewState", "stateless");
    HttpResponse<String> forgedSignOut = postForm(victim, "index.xhtml", signOut);

    assertEquals(403, forgedSignIn.statusCode(), forgedSignIn.body());
    assertNotSignedIn(target);
    assertEquals(403, forgedSignOut.statusCode(), forgedSignOut.body());
    assertStillSignedInAsAlice();
  }

  private HttpResponse<String> postForm(
      BrowserSession session, String page, Map<String, String> fields) throws Exception {
    return session.send(
        session
            .request(app.resolve(page))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(BrowserSession.formEncoded(fields)))
            .build());
  }

  @Test
  void thePagesOwnSignOutFormStillWorks() throws Exception {
    HttpResponse<String> signedOut =
        victim.submit(
            app.resolve("index.xhtml"),
            "sign-out",
            Map.of("sign-out:submit", "Sign out"),
            victim.origin());

    assertTrue(List.of(302, 303).contains(signedOut.statusCode()), signedOut.body());
    assertNotSignedIn(victim);
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
    assertNotSignedIn(target);
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
