package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signing API on the real WAR: tickets, and every refusal in the project's JSON shape. */
@OnTheServer
class UploadsApiIT {

  @ArquillianResource TheApp app;

  @Test
  void issuesATicketThatSignsTypeEncryptionAndName() throws Exception {
    Instant before = Instant.now().minusSeconds(1);

    HttpResponse<String> response =
        People.ALICE.post(
            app.uploads(),
            "application/json",
            "{\"filename\":\"Quarterly report.pdf\",\"contentType\":\"application/pdf\",\"size\":12}");

    assertEquals(201, response.statusCode(), response.body());
    assertTrue(
        List.of(response.headers().firstValue("Cache-Control").orElse("").split("\\s*,\\s*"))
            .contains("no-store"),
        response.headers().toString());
    JsonObject ticket = Http.json(response);
    assertTrue(
        ticket
            .getString("key")
            .matches("uploads/alice/\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}/Quarterly_report\\.pdf"),
        ticket.getString("key"));
    assertEquals("PUT", ticket.getString("method"));
    assertTrue(
        ticket
            .getString("url")
            .startsWith(TestStore.endpoint() + "/it-uploads/" + ticket.getString("key") + "?"),
        ticket.getString("url"));
    assertEquals(
        Map.of(
            "Content-Type", "application/pdf",
            "Content-Disposition",
                "attachment; filename=\"Quarterly_report.pdf\"; filename*=UTF-8''Quarterly%20report.pdf",
            "x-amz-server-side-encryption", "AES256",
            "If-None-Match", "*",
            "x-amz-meta-uploaded-by", "alice",
            "x-amz-meta-upload-id", ticket.getString("id")),
        Map.copyOf(
            ticket.getJsonObject("headers").entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey,
                        e -> ((jakarta.json.JsonString) e.getValue()).getString()))));
    Instant expiresAt = Instant.parse(ticket.getString("expiresAt"));
    Duration lifetime = TestStore.settings().urlLifetime();
    assertFalse(expiresAt.isBefore(before.plus(lifetime).minusSeconds(1)), expiresAt.toString());
    assertFalse(expiresAt.isAfter(Instant.now().plus(lifetime)), expiresAt.toString());
  }

  @Test
  void ticketBindsTheDeclaredLength() throws Exception {
    JsonObject ticket =
        Http.json(
            People.ALICE.post(
                app.uploads(),
                "application/json",
                "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":4}"));
    Map<String, String> headers = PresignedPutIT.headersOf(ticket);

    HttpResponse<String> longer = Http.put(ticket.getString("url"), headers, "12345".getBytes());

    assertEquals(403, longer.statusCode(), longer.body());
    assertEquals(200, Http.put(ticket.getString("url"), headers, "1234".getBytes()).statusCode());
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json|400|invalid_request",
        "[]|400|invalid_request",
        "{}|400|invalid_request",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\"}|400|invalid_request",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":\"1\"}|400|invalid_request",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":-5}|400|invalid_request",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1.25}|400|invalid_request",
        "{\"filename\":\"\",\"contentType\":\"application/pdf\",\"size\":1}|400|invalid_request",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\\r\\nX: y\",\"size\":1}|400|invalid_request",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":41943041}|413|too_large",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":99999999999999999999999}|413|too_large",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":5368709121}|413|too_large",
        "{\"filename\":\"a.html\",\"contentType\":\"text/html\",\"size\":1}|415|type_not_allowed",
        "{\"filename\":\"a.png\",\"contentType\":\"image/png\",\"size\":1}|415|type_not_allowed",
      })
  void badRequestsAreRefusedInTheJsonShape(String body, int status, String code) throws Exception {
    Http.assertErrorShape(People.ALICE.post(app.uploads(), "application/json", body), status, code);
  }

  @Test
  void requestThatIsNotJsonIs415() throws Exception {
    Http.assertErrorShape(
        People.ALICE.post(app.uploads(), "text/plain", "{\"filename\":\"a.pdf\"}"),
        415,
        "unsupported_media_type");
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    Http.assertErrorShape(
        People.ALICE.post(
            app.uploads(), "application/json", "{\"filename\":\"" + "a".repeat(20_000) + "\"}"),
        413,
        "request_too_large");
  }

  @Test
  void unknownApiPathIs404() throws Exception {
    Http.assertErrorShape(People.ALICE.get(app.resolve("api/nothing-here")), 404, "not_found");
  }

  @Test
  void wrongMethodIs405() throws Exception {
    Http.assertErrorShape(
        Http.send(
            People.ALICE
                .request(app.uploads())
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build()),
        405,
        "method_not_allowed");
  }

  @Test
  void pageRendersTheServersOwnLimits() throws Exception {
    HttpResponse<String> page = People.ALICE.get(app.base());

    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("data-accept=\"application/pdf\""), page.body());
    assertTrue(page.body().contains("data-max-size=\"41943040\""), page.body());
    assertTrue(page.body().contains("accept=\"application/pdf\""), page.body());
    assertTrue(page.body().contains("40 MB"), page.body());
    assertTrue(page.body().contains("aria-live=\"polite\""), page.body());
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    for (HttpResponse<String> response :
        List.of(
            People.ALICE.get(app.base()),
            People.ALICE.get(app.resolve("js/upload.js")),
            People.ALICE.post(app.uploads(), "application/json", "{}"))) {
      String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(
          csp.contains("script-src 'self';")
              && csp.contains("frame-ancestors 'none'")
              && csp.contains("connect-src 'self' " + TestStore.endpoint() + ";"),
          response.uri() + " " + csp);
      assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElse(""));
      assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
  }

  @Test
  void moduleIsServedAsJavaScript() throws Exception {
    HttpResponse<String> module = People.ALICE.get(app.resolve("js/upload.js"));

    assertEquals(200, module.statusCode());
    assertTrue(
        module.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
        module.headers().toString());
  }

  /**
   * The shared server signs PUTs, so the page offers no form without script, and asking for one
   * says why; {@code PostUploadsIT} uploads through it on a server with {@code post}. This runs the
   * form's servlet, its forward to the Faces page and the page's bean on every runtime.
   */
  @Test
  void theFormWithoutScriptIsRefusedInWordsWhenTicketsArePuts() throws Exception {
    BrowserSession bob = new BrowserSession(app);
    bob.signIn(People.BOB);
    String token = bob.csrfToken();
    assertFalse(bob.get(app.base()).body().contains("id=\"form-upload\""));

    HttpResponse<String> withoutToken =
        bob.send(
            bob.request(app.resolve("upload-form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", bob.origin())
                .POST(HttpRequest.BodyPublishers.ofString("type=application%2Fpdf"))
                .build());
    HttpResponse<String> form =
        bob.send(
            bob.request(app.resolve("upload-form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", bob.origin())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        BrowserSession.formEncoded(
                            Map.of("page-token", token, "type", "application/pdf"))))
                .build());
    HttpResponse<String> done = bob.get(app.resolve("upload-form/done?id=no-such-upload"));

    assertEquals(403, withoutToken.statusCode(), withoutToken.body());
    assertEquals(200, form.statusCode(), form.body());
    assertTrue(
        form.body().contains("Uploads without JavaScript are not switched on here"), form.body());
    assertFalse(form.body().contains("id=\"store-form\""), form.body());
    // GlassFish adds no-cache=set-cookie when the answer sets a cookie
    String cacheControl = form.headers().firstValue("Cache-Control").orElse("");
    assertTrue(List.of(cacheControl.split(",\\s*")).contains("no-store"), cacheControl);
    assertEquals(302, done.statusCode(), done.body());
    assertTrue(
        done.headers()
            .firstValue("Location")
            .orElse("")
            .endsWith("/my-uploads.xhtml?not-found=true"),
        done.headers().toString());
  }
}
