package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.s3directupload.config.StandaloneConfig;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.BrowserSession;
import org.s3directupload.it.Http;
import org.s3directupload.it.TestStore;
import org.s3directupload.it.TheApp;

/**
 * The WAR on Payara Micro with {@code upload.identity-store=ldap} against a real OpenLDAP (slapd on
 * loopback): sign-in by form and by Basic, roles from groups, the canonical name as the key
 * segment, and a plain answer when the directory is gone.
 */
@ExtendWith(TestStore.class)
class LdapSignInIT {

  private static final String PDF =
      "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":3}";

  private static Slapd slapd;
  private static PayaraMicro micro;
  private static TheApp app;

  @BeforeAll
  static void start() throws Exception {
    slapd = Slapd.start(Integer.getInteger("it.ldap.port"), Path.of("target", "slapd-signin"));
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("UPLOAD_IDENTITY_STORE", "ldap");
    // roles are asked again after two seconds, so a test can watch them taken away
    environment.put("UPLOAD_SESSION_ROLE_CHECK", "PT2S");
    slapd
        .settings()
        .forEach((key, value) -> environment.put(StandaloneConfig.environmentName(key), value));
    micro = DirectPayara.start(environment);
    app = DirectPayara.app();
  }

  @AfterAll
  static void stop() throws Exception {
    if (micro != null) {
      micro.close();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  private static HttpResponse<String> ticketAs(String name, String password) throws Exception {
    return Http.send(
        HttpRequest.newBuilder(app.resolve("api/uploads"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(PDF))
            .build());
  }

  @Test
  void directoryPeopleGetTicketsInTheirOwnSegment() throws Exception {
    HttpResponse<String> alice = ticketAs("alice", Slapd.password("alice"));
    HttpResponse<String> brien = ticketAs(Slapd.O_BRIEN, Slapd.O_BRIEN_PASSWORD);

    assertEquals(201, alice.statusCode(), alice.body());
    assertTrue(Http.json(alice).getString("key").startsWith("uploads/alice/"), alice.body());
    assertEquals(201, brien.statusCode(), brien.body());
    assertTrue(Http.json(brien).getString("key").startsWith("uploads/o.27brien/"), brien.body());
  }

  @Test
  void theCanonicalNameIsTheSegmentWhateverCaseWasTyped() throws Exception {
    HttpResponse<String> response = ticketAs("ALICE", Slapd.password("alice"));

    assertEquals(201, response.statusCode(), response.body());
    assertTrue(Http.json(response).getString("key").startsWith("uploads/alice/"), response.body());
  }

  @Test
  void groupsDecideTheRoles() throws Exception {
    HttpResponse<String> carol = ticketAs("carol", Slapd.password("carol"));
    assertEquals(403, carol.statusCode(), carol.body());
    assertEquals("forbidden", Http.json(carol).getString("error"));

    HttpRequest.Builder setup = HttpRequest.newBuilder(app.resolve("api/bucket/setup")).GET();
    String bob = Base64.getEncoder().encodeToString(("bob:" + Slapd.password("bob")).getBytes());
    String alice =
        Base64.getEncoder().encodeToString(("alice:" + Slapd.password("alice")).getBytes());
    assertEquals(
        200, Http.send(setup.header("Authorization", "Basic " + bob).build()).statusCode());
    assertEquals(
        403,
        Http.send(
                HttpRequest.newBuilder(app.resolve("api/bucket/setup"))
                    .header("Authorization", "Basic " + alice)
                    .build())
            .statusCode());
  }

  @Test
  void wrongPasswordsAndFilterTricksGet401() throws Exception {
    for (List<String> attempt :
        List.of(
            List.of("alice", "wrong"),
            List.of("*", Slapd.password("alice")),
            List.of("alice)(uid=*", Slapd.password("alice")),
            List.of("nobody", "x"))) {
      HttpResponse<String> response = ticketAs(attempt.get(0), attempt.get(1));
      assertEquals(401, response.statusCode(), attempt + " " + response.body());
      assertEquals("unauthenticated", Http.json(response).getString("error"));
    }
  }

  @Test
  void theSignInFormWorksAgainstTheDirectory() throws Exception {
    BrowserSession session = new BrowserSession(app);

    HttpResponse<String> signedIn =
        session.signIn("Alice", Slapd.password("alice"), session.origin());

    assertTrue(List.of(302, 303).contains(signedIn.statusCode()), signedIn.body());
    HttpResponse<String> page = session.get(app.base());
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("Signed in as <strong>alice</strong>"), page.body());
  }

  @Test
  void whenTheDirectoryIsGoneTheAnswerSaysSoButARememberedBasicCheckStillWorks() throws Exception {
    assertEquals(201, ticketAs("alice", Slapd.password("alice")).statusCode());
    slapd.close();
    try {
      // remembered for upload.sign-in.basic-memory: no bind needed
      HttpResponse<String> remembered = ticketAs("alice", Slapd.password("alice"));
      assertEquals(201, remembered.statusCode(), remembered.body());
      HttpResponse<String> response = ticketAs("alice", "a password never checked before");
      assertEquals(503, response.statusCode(), response.body());
      assertEquals("directory_unavailable", Http.json(response).getString("error"));

      BrowserSession session = new BrowserSession(app);
      HttpResponse<String> form =
          session.signIn("alice", Slapd.password("alice"), session.origin());
      assertEquals(200, form.statusCode());
      assertTrue(form.body().contains("cannot be reached"), form.body());
    } finally {
      slapd =
          Slapd.start(Integer.getInteger("it.ldap.port"), Path.of("target", "slapd-signin-again"));
    }
  }

  @Test
  void rolesTakenAwayInTheDirectoryEndABusySessionsAccess() throws Exception {
    String bob = "uid=bob," + Slapd.PEOPLE;
    BrowserSession session = new BrowserSession(app);
    session.signIn("bob", Slapd.password("bob"), session.origin());
    assertEquals(200, session.get(app.resolve("index.xhtml")).statusCode(), "bob uploads");
    slapd.modify(
        "dn: cn=uploaders,"
            + Slapd.GROUPS
            + "\nchangetype: modify\ndelete: member\nmember: "
            + bob
            + "\n");
    try {
      Thread.sleep(2_500); // past upload.session-role-check

      HttpResponse<String> page = session.get(app.resolve("index.xhtml"));

      assertEquals(403, page.statusCode(), page.body());
      assertTrue(page.body().contains("needs the role uploader"), page.body());
    } finally {
      slapd.modify(
          "dn: cn=uploaders,"
              + Slapd.GROUPS
              + "\nchangetype: modify\nadd: member\nmember: "
              + bob
              + "\n");
    }
  }
}
