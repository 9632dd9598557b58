package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.s3directupload.signing.TicketHeaders;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket setup and doctor on the real WAR against S3Proxy: first configured like the
 * application's tickets, then with a CORS rule that omits the encryption header.
 */
@OnTheServer
class BucketDoctorIT {

  private static final String SSE = "x-amz-server-side-encryption";

  @ArquillianResource TheApp app;

  @AfterEach
  void restoreStore() throws Exception {
    TestStore.store().restartAllowingHeaders(TestStore.store().corsHeaders());
  }

  private Map<String, JsonObject> doctor() throws Exception {
    HttpResponse<String> response =
        People.ADA.post(app.resolve("api/bucket/doctor"), "application/json", "");
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response).getJsonArray("findings").getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(f -> f.getString("check"), f -> f));
  }

  private static void assertNoCanaryLeft() {
    String area = TestStore.settings().keyPrefix() + ".doctor/";
    try (S3Client s3 = TestStore.client()) {
      assertEquals(0, s3.listObjectsV2(b -> b.bucket(TestStore.bucket()).prefix(area)).keyCount());
      assertEquals(
          List.of(),
          s3.listMultipartUploads(b -> b.bucket(TestStore.bucket()).prefix(area)).uploads(),
          "no unfinished canary upload in parts");
    }
  }

  @Test
  void corsPassesWhenTheStoreAllowsExactlyTheTicketHeaders() throws Exception {
    Map<String, JsonObject> findings = doctor();

    assertEquals("ok", findings.get("bucket-reachable").getString("status"), findings.toString());
    assertEquals("ok", findings.get("clock-skew").getString("status"), findings.toString());
    JsonObject preflight = findings.get("cors-preflight " + TestStore.pageOrigin());
    assertEquals("ok", preflight.getString("status"), preflight.toString());
    assertTrue(preflight.getString("observed").contains(SSE), preflight.toString());
    assertEquals("ok", findings.get("cors-foreign-origin").getString("status"));
    assertEquals("ok", findings.get("canary-upload").getString("status"), findings.toString());
    assertTrue(findings.get("canary-upload").getString("observed").contains("AES256"));
    assertEquals("ok", findings.get("cors-expose-etag").getString("status"), findings.toString());
    // S3Proxy implements multipart uploads with SSE and checks the part's signature and checksum
    JsonObject inParts = findings.get("canary-multipart");
    assertEquals("ok", inParts.getString("status"), inParts.toString());
    assertEquals(
        "A canary uploaded in parts (started, one part sent through a signed URL, listed and"
            + " completed) was stored with encryption AES256.",
        inParts.getString("observed"));
    assertEquals(
        "ok", findings.get("cors-expose-etag-part").getString("status"), findings.toString());
    // S3Proxy stores unencrypted PUTs made with other credentials: the doctor says so
    JsonObject policy = findings.get("policy-enforces-encryption");
    assertEquals("fail", policy.getString("status"), policy.toString());
    assertTrue(policy.getString("observed").contains("was accepted"), policy.toString());
    assertNoCanaryLeft();
  }

  @Test
  void corsFailsNamingTheHeaderTheRuleOmits() throws Exception {
    TestStore.store()
        .restartAllowingHeaders(
            TestStore.store().corsHeaders().stream().filter(h -> !h.equals(SSE)).toList());

    JsonObject preflight = doctor().get("cors-preflight " + TestStore.pageOrigin());

    assertEquals("fail", preflight.getString("status"), preflight.toString());
    assertTrue(
        preflight.getString("observed").endsWith("Not allowed: " + SSE + "."),
        preflight.getString("observed"));
    assertTrue(preflight.getString("fix").startsWith("Add " + SSE + " to the AllowedHeaders"));
    assertTrue(preflight.getString("fix").contains("\"AllowedHeaders\":[\"content-type\""));
    assertNoCanaryLeft();
  }

  @Test
  void setupDocumentsCarryExactlyTheTicketHeaders() throws Exception {
    JsonObject documents = Http.json(People.ADA.get(app.resolve("api/bucket/setup")));

    assertEquals(
        List.of("cors", "policy", "encryption", "publicAccessBlock", "lifecycle"),
        List.copyOf(documents.keySet()));
    assertEquals(
        TicketHeaders.names(TestStore.settings()),
        documents
            .getJsonObject("cors")
            .getJsonArray("CORSRules")
            .getJsonObject(0)
            .getJsonArray("AllowedHeaders")
            .getValuesAs(JsonString::getString));
  }

  @Test
  void applySaysWhatTheStoreDoesNotImplementAndHowToDoItInstead() throws Exception {
    HttpResponse<String> response =
        People.ADA.post(app.resolve("api/bucket/setup"), "application/json", "");

    assertEquals(200, response.statusCode(), response.body());
    Map<String, JsonObject> steps =
        Http.json(response).getJsonArray("steps").getValuesAs(JsonObject.class).stream()
            .collect(Collectors.toMap(s -> s.getString("document"), s -> s));
    JsonObject cors = steps.get("cors");
    assertEquals("not-supported", cors.getString("outcome"), cors.toString());
    assertTrue(
        cors.getString("message")
            .contains(
                "s3proxy.cors-allow-headers=" + String.join(" ", TestStore.store().corsHeaders())),
        cors.toString());
    assertEquals("not-supported", steps.get("policy").getString("outcome"), steps.toString());
    assertTrue(
        List.of("changed", "unchanged").contains(steps.get("encryption").getString("outcome")),
        steps.toString());
  }

  @Test
  void doctorPageShowsTheSameFindings() throws Exception {
    ChromeDriver browser = Browsers.headlessChromium();
    try {
      Browsers.signIn(browser, app, People.ADA, "bucket-doctor.xhtml");
      browser.findElement(By.id("doctor:run")).click();
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(driver -> !driver.findElements(By.id("findings")).isEmpty());

      List<WebElement> rows = browser.findElements(By.cssSelector("#findings li.finding"));
      Map<String, String> statuses =
          rows.stream()
              .collect(
                  Collectors.toMap(
                      r -> r.getAttribute("data-check"), r -> r.getAttribute("data-status")));
      assertEquals(
          "ok", statuses.get("cors-preflight " + TestStore.pageOrigin()), statuses.toString());
      assertEquals("ok", statuses.get("canary-upload"), statuses.toString());
      assertEquals("ok", statuses.get("canary-multipart"), statuses.toString());
      // failures first, each finding led by its status, the fix in a block of its own
      List<String> order = rows.stream().map(r -> r.getAttribute("data-status")).toList();
      assertEquals(
          order.stream()
              .sorted(java.util.Comparator.comparing(List.of("fail", "warn", "ok")::indexOf))
              .toList(),
          order);
      WebElement policy =
          browser.findElement(
              By.cssSelector("#findings li.finding[data-check='policy-enforces-encryption']"));
      assertEquals(
          "fail",
          policy.findElement(By.cssSelector(".finding-head .status")).getText().toLowerCase());
      assertTrue(policy.findElement(By.cssSelector("pre.fix")).getText().contains("\"Statement\""));
      String summary = browser.findElement(By.id("summary")).getText();
      assertTrue(summary.matches("Something to change\\. \\d+ checks: \\d+ failed, .*"), summary);
    } finally {
      browser.quit();
    }
  }

  @Test
  void theBucketActionsRunOnlyOnAJsonPost() throws Exception {
    HttpResponse<String> linkToTheDoctor = People.ADA.get(app.resolve("api/bucket/doctor"));
    HttpResponse<String> formToTheDoctor =
        People.ADA.post(app.resolve("api/bucket/doctor"), "application/x-www-form-urlencoded", "");
    HttpResponse<String> formToTheSetup =
        People.ADA.post(app.resolve("api/bucket/setup"), "text/plain", "");

    Http.assertErrorShape(linkToTheDoctor, 405, "method_not_allowed");
    Http.assertErrorShape(formToTheDoctor, 415, "unsupported_media_type");
    Http.assertErrorShape(formToTheSetup, 415, "unsupported_media_type");
    assertNoCanaryLeft();
  }
}
