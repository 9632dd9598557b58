package org.s3directupload.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  @Test
  void pageMayConnectOnlyToItselfAndTheStore() {
    Map<String, String> cut =
        SecurityHeaders.forStore(URI.create("https://uploads.s3.eu-central-1.amazonaws.com"));

    String csp = cut.get("Content-Security-Policy");
    assertTrue(
        csp.contains("connect-src 'self' https://uploads.s3.eu-central-1.amazonaws.com;"), csp);
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertTrue(!csp.contains("unsafe-inline") && !csp.contains("*"), csp);
    assertEquals("no-referrer", cut.get("Referrer-Policy"));
    assertEquals("nosniff", cut.get("X-Content-Type-Options"));
  }
}
