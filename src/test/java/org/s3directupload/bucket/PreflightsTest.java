package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.s3directupload.bucket.Preflights.Preflight;

/** A preflight's answer judged the way a browser judges it. */
class PreflightsTest {

  private static final String ORIGIN = "https://uploads.example.com";
  private static final String HEADERS = "content-type,x-amz-server-side-encryption";

  @Test
  void exactOriginMethodAndHeadersPass() {
    assertTrue(
        new Preflight("PUT", 200, ORIGIN, "PUT", "Content-Type, X-Amz-Server-Side-Encryption")
            .allows(ORIGIN, HEADERS));
  }

  @Test
  void aMissingHeaderFails() {
    assertFalse(new Preflight("PUT", 200, ORIGIN, "PUT", "content-type").allows(ORIGIN, HEADERS));
  }

  @Test
  void anotherOriginOrNoneFails() {
    assertFalse(
        new Preflight("PUT", 200, "https://other.example.com", "PUT", "*").allows(ORIGIN, HEADERS));
    assertFalse(new Preflight("PUT", 200, null, "PUT", "*").allows(ORIGIN, HEADERS));
  }

  @Test
  void anotherMethodOrAnErrorStatusFails() {
    assertFalse(new Preflight("PUT", 200, ORIGIN, "GET, POST", "*").allows(ORIGIN, HEADERS));
    assertFalse(new Preflight("PUT", 403, ORIGIN, "PUT", "*").allows(ORIGIN, HEADERS));
  }

  @Test
  void aPostNeedsPostAllowed() {
    assertTrue(new Preflight("POST", 200, ORIGIN, "POST", "").allows(ORIGIN, ""));
    assertFalse(new Preflight("POST", 200, ORIGIN, "PUT", "*").allows(ORIGIN, ""));
  }

  @Test
  void wildcardsPass() {
    assertTrue(new Preflight("PUT", 204, "*", "*", "*").allows(ORIGIN, HEADERS));
  }
}
