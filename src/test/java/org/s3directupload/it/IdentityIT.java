package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may do what: anonymous callers, people without the role, people with it, through HTTP Basic
 * and through the sign-in form, and that every ticket stays in its person's own segment.
 */
@OnTheServer
class IdentityIT {

  private static final String PDF =
      "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":3}";

  @ArquillianResource TheApp app;

  @Test
  void anonymousApiCallsGet401WithABasicChallenge() throws Exception {
    for (HttpResponse<String> response :
        List.of(
            Http.post(app.uploads(), "application/json", PDF),
            Http.post(app.resolve("api/bucket/doctor"), "application/json", ""),
            Http.get(app.resolve("api/bucket/setup")))) {
      Http.assertErrorShape(response, 401, "unauthenticated");
      assertTrue(
          response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
          response.headers().toString());
    }
  }

  @Test
  void theUploadPagesOwnScriptGetsNoBasicPrompt() throws Exception {
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(app.uploads())
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", "stale")
                .POST(HttpRequest.BodyPublishers.ofString(PDF))
                .build());

    Http.assertErrorShape(response, 401, "unauthenticated");
    assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty());
  }

  @Test
  void aBrowserOpeningTheApiGetsNoBasicPromptToCache() throws Exception {
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(app.resolve("api/bucket/setup"))
                .header("Sec-Fetch-Mode", "navigate")
                .header("Accept", "text/html,application/xhtml+xml")
                .GET()
                .build());

    Http.assertErrorShape(response, 401, "unauthenticated");
    assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty());
  }

  @Test
  void signingInDropsWhatTheSessionHeldBefore() throws Exception {
    BrowserSession session = new BrowserSession(app);
    session.signIn(People.ALICE);
    String alicesToken = session.csrfToken();

    session.signIn(People.BOB);

    assertTrue(!session.csrfToken().equals(alicesToken), "the token must not carry over");
    Http.assertErrorShape(
        session.requestTicket(Map.of("X-CSRF-Token", alicesToken)), 403, "cross_site");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "index.xhtml", "bucket-doctor.xhtml"})
  void anonymousPagesSendPeopleToTheSignInPage(String page) throws Exception {
    BrowserSession anonymous = new BrowserSession(app);
    HttpResponse<String> response = anonymous.get(app.resolve(page));
    // the root may first lead to index.xhtml (Open Liberty: see WelcomePage), then to sign-in
    for (int hop = 0; hop < 2 && !location(response).contains("/login.xhtml"); hop++) {
      assertTrue(List.of(302, 303).contains(response.statusCode()), "" + response.statusCode());
      response = anonymous.get(app.resolve(location(response)));
    }

    assertTrue(List.of(302, 303).contains(response.statusCode()), "" + response.statusCode());
    String location = location(response);
    assertTrue(location.contains("/login.xhtml"), location);
    if (!page.isEmpty()) {
      assertTrue(location.endsWith("next=%2F" + page), location);
    }
  }

  private static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  @Test
  void signInPageAndItsAssetsAreOpen() throws Exception {
    HttpResponse<String> login = Http.get(app.resolve("login.xhtml"));

    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("id=\"login:password\""), login.body());
    assertEquals(200, Http.get(app.resolve("css/upload.css")).statusCode());
  }

  @Test
  void wrongPasswordsAndBrokenHeadersGet401() throws Exception {
    for (String authorization :
        List.of(
            "Basic " + java.util.Base64.getEncoder().encodeToString("alice:wrong".getBytes()),
            "Basic " + java.util.Base64.getEncoder().encodeToString("alice:".getBytes()),
            "Basic " + java.util.Base64.getEncoder().encodeToString("nobody:x".getBytes()),
            "Basic not-base64!",
            "Bearer abc")) {
      Http.assertErrorShape(
          Http.send(
              HttpRequest.newBuilder(app.uploads())
                  .header("Authorization", authorization)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(PDF))
                  .build()),
          401,
          "unauthenticated");
    }
  }

  @Test
  void aPersonWithoutTheUploaderRoleGets403() throws Exception {
    HttpResponse<String> response = People.ADA.post(app.uploads(), "application/json", PDF);

    Http.assertErrorShape(response, 403, "forbidden");
    assertTrue(Http.json(response).getString("message").contains("uploader"), response.body());
  }

  @Test
  void anUploaderMayNotRunTheBucketSetupOrDoctor() throws Exception {
    Http.assertErrorShape(
        People.ALICE.post(app.resolve("api/bucket/doctor"), "application/json", ""),
        403,
        "forbidden");
    Http.assertErrorShape(People.ALICE.get(app.resolve("api/bucket/setup")), 403, "forbidden");
    Http.assertErrorShape(
        People.ALICE.post(app.resolve("api/bucket/setup"), "application/json", ""),
        403,
        "forbidden");
  }

  @Test
  void anUploaderOnTheDoctorPageSeesAPageSayingWhichRoleItNeeds() throws Exception {
    BrowserSession alice = new BrowserSession(app);
    alice.signIn(People.ALICE);

    HttpResponse<String> page = alice.get(app.resolve("bucket-doctor.xhtml"));

    assertEquals(403, page.statusCode(), page.body());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("Not allowed"), page.body());
    assertTrue(page.body().contains("upload-admin"), page.body());
    assertTrue(page.body().contains("alice"), page.body());
  }

  @Test
  void ticketsLieInTheirOwnPersonsSegment() throws Exception {
    for (People person : List.of(People.ALICE, People.BOB, People.HASHED)) {
      HttpResponse<String> response = person.post(app.uploads(), "application/json", PDF);

      assertEquals(201, response.statusCode(), person + " " + response.body());
      String key = Http.json(response).getString("key");
      assertTrue(key.startsWith(person.segment()), person + " got " + key);
    }
  }

  @Test
  void aTicketCannotBeBentIntoAnotherPersonsSegment() throws Exception {
    JsonObject ticket = Http.json(People.ALICE.post(app.uploads(), "application/json", PDF));
    String key = ticket.getString("key");
    String intoBob = ticket.getString("url").replace(key, People.BOB.segment() + "x/a.pdf");

    HttpResponse<String> put =
        Http.put(intoBob, PresignedPutIT.headersOf(ticket), "abc".getBytes());

    assertEquals(403, put.statusCode(), put.body());
    assertTrue(put.body().contains("SignatureDoesNotMatch"), put.body());
  }

  /** Every session cookie of {@code response}; each must be HttpOnly and SameSite=Lax. */
  private static List<String> assertSessionCookiesHaveTheUsualAttributes(
      HttpResponse<String> response) {
    List<String> cookies =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.toUpperCase().startsWith("JSESSIONID="))
            .toList();
    for (String cookie : cookies) {
      assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
      assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
    }
    return cookies;
  }

  @Test
  void everySessionCookieTheApplicationCausesCarriesTheSameAttributes() throws Exception {
    // a page's token made by a Basic request, the sign-in form's token, Faces' view state
    HttpResponse<String> uploadPage = People.ALICE.get(app.resolve("index.xhtml"));
    HttpResponse<String> signInPage = Http.get(app.resolve("login.xhtml"));
    HttpResponse<String> doctorPage = People.ADA.get(app.resolve("bucket-doctor.xhtml"));

    assertEquals(200, uploadPage.statusCode(), uploadPage.body());
    assertEquals(1, assertSessionCookiesHaveTheUsualAttributes(uploadPage).size(), "one session");
    assertEquals(200, signInPage.statusCode(), signInPage.body());
    assertEquals(1, assertSessionCookiesHaveTheUsualAttributes(signInPage).size(), "one session");
    assertEquals(200, doctorPage.statusCode(), doctorPage.body());
    assertSessionCookiesHaveTheUsualAttributes(doctorPage);
  }

  @Test
  void signingInThroughTheFormGivesAFreshHttpOnlySameSiteSession() throws Exception {
    BrowserSession session = new BrowserSession(app);
    session.get(app.resolve("login.xhtml"));
    String before = session.sessionId().orElse("none");

    HttpResponse<String> signedIn = session.signIn(People.ALICE);

    assertTrue(List.of(302, 303).contains(signedIn.statusCode()), signedIn.body());
    assertFalse(
        assertSessionCookiesHaveTheUsualAttributes(signedIn).isEmpty(),
        signedIn.headers().toString());
    assertNotEquals(before, session.sessionId().orElseThrow(), "the session id must change");
    HttpResponse<String> page = session.get(app.base());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Signed in as <strong>alice</strong>"), page.body());
  }

  @Test
  void aWrongPasswordInTheFormSaysSoAndSignsNoOneIn() throws Exception {
    BrowserSession session = new BrowserSession(app);

    HttpResponse<String> form = session.signIn("alice", "not-her-password", session.origin());

    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("The name or password is wrong."), form.body());
    assertFalse(form.body().contains("not-her-password"), "the password came back");
    assertTrue(List.of(302, 303).contains(session.get(app.base()).statusCode()));
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    BrowserSession session = new BrowserSession(app);
    session.signIn(People.ALICE);
    String token = session.csrfToken();
    HttpResponse<String> out =
        session.submit(
            app.resolve("index.xhtml"),
            "sign-out",
            Map.of("sign-out:submit", "Sign out"),
            session.origin());

    assertTrue(List.of(302, 303).contains(out.statusCode()), out.statusCode() + out.body());
    assertTrue(out.headers().firstValue("Location").orElse("").contains("login.xhtml"));
    Http.assertErrorShape(
        session.requestTicket(Map.of("X-CSRF-Token", token)), 401, "unauthenticated");
  }

  @Test
  void aNameThatFailedTooOftenIsRefusedUntilItsWindowEndsOthersAreNot() throws Exception {
    HttpRequest.Builder wrong =
        HttpRequest.newBuilder(app.uploads())
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("carol:not-her-password".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(PDF));
    for (int i = 0; i < 10; i++) {
      Http.assertErrorShape(Http.send(wrong.build()), 401, "unauthenticated");
    }

    HttpResponse<String> right = People.CAROL.post(app.uploads(), "application/json", PDF);
    BrowserSession browser = new BrowserSession(app);
    HttpResponse<String> form =
        browser.signIn(People.CAROL.username(), People.CAROL.password(), browser.origin());

    Http.assertErrorShape(right, 429, "too_many_requests");
    long retryAfter = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
    assertTrue(Http.json(right).getString("message").contains("too many failed sign-ins"));
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("too many failed sign-ins"), form.body());
    assertEquals(201, People.ALICE.post(app.uploads(), "application/json", PDF).statusCode());
  }
}
