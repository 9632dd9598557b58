package org.s3directupload.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  private static final URI STORE = URI.create("https://uploads.s3.eu-central-1.amazonaws.com");

  @Test
  void pageMayConnectOnlyToItselfAndTheStore() {
    Map<String, String> cut = SecurityHeaders.forStore(STORE, false);

    String csp = cut.get("Content-Security-Policy");
    assertTrue(
        csp.contains("connect-src 'self' https://uploads.s3.eu-central-1.amazonaws.com;"), csp);
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertTrue(
        csp.contains("form-action 'self' https://uploads.s3.eu-central-1.amazonaws.com;"), csp);
    assertTrue(!csp.contains("unsafe-inline") && !csp.contains("*"), csp);
    assertEquals("nosniff", cut.get("X-Content-Type-Options"));
  }

  @Test
  void noAddressOfTheApplicationLeavesItButItsOwnRequestsKeepTheirOrigin() {
    // same-origin: no Referer to the store or any other site, a real Origin on our own forms
    assertEquals("same-origin", SecurityHeaders.forStore(STORE, false).get("Referrer-Policy"));
  }

  @Test
  void strictTransportSecurityOnlyWhenServedOnlyOverTls() {
    assertEquals(
        "max-age=31536000", SecurityHeaders.forStore(STORE, true).get("Strict-Transport-Security"));
    assertFalse(SecurityHeaders.forStore(STORE, false).containsKey("Strict-Transport-Security"));
  }
}
