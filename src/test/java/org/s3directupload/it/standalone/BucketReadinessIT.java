package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.Http;
import org.s3directupload.it.TestStore;

/**
 * The MicroProfile Health readiness check on Payara Micro, the reference runtime (WildFly's default
 * configuration and GlassFish have no MicroProfile Health, so the check is only a bean there).
 * Payara Micro is started directly, with the same settings as the Arquillian runs.
 */
@ExtendWith(TestStore.class)
class BucketReadinessIT {

  /** A little longer than the readiness check gives its last answer again. */
  static final java.time.Duration FRESH = java.time.Duration.ofSeconds(6);

  private static PayaraMicro micro;
  private static URI ready;

  @BeforeAll
  static void start() throws Exception {
    micro = DirectPayara.start(Map.of());
    ready = DirectPayara.app().resolve("health/ready");
  }

  @AfterAll
  static void stop() throws Exception {
    if (micro != null) {
      micro.close();
    }
    TestStore.store().restartAllowingHeaders(TestStore.store().corsHeaders());
  }

  private static JsonObject bucketCheck(HttpResponse<String> response) {
    return Http.json(response).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(check -> check.getString("name").equals("bucket"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no bucket check in " + response.body()));
  }

  @Test
  void readyWhenTheBucketIsReachableAndItsCorsRuleFits() throws Exception {
    HttpResponse<String> response = Http.get(ready);

    assertEquals(200, response.statusCode(), response.body());
    JsonObject check = bucketCheck(response);
    assertEquals("UP", check.getString("status"), check.toString());
    assertEquals("ok", check.getJsonObject("data").getString("bucket-reachable"));
  }

  @Test
  void notReadyWhenTheCorsRuleOmitsATicketHeader() throws Exception {
    TestStore.store()
        .restartAllowingHeaders(
            TestStore.store().corsHeaders().stream()
                .filter(h -> !h.equals("x-amz-server-side-encryption"))
                .toList());
    try {
      Thread.sleep(BucketReadinessIT.FRESH.toMillis()); // the last answer is given for a while
      HttpResponse<String> response = Http.get(ready);

      assertEquals(503, response.statusCode(), response.body());
      JsonObject check = bucketCheck(response);
      assertEquals("DOWN", check.getString("status"));
      String origin = TestStore.pageOrigin();
      assertEquals(
          "fail",
          check.getJsonObject("data").getString("cors-preflight " + origin),
          check.toString());
    } finally {
      TestStore.store().restartAllowingHeaders(TestStore.store().corsHeaders());
    }
  }
}
