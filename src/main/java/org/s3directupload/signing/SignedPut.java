package org.s3directupload.signing;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed PUT: the URL, the headers the browser must send with it, and when the URL stops working.
 * The URL is a bearer credential until then: it is returned to the one person who asked, never
 * logged.
 */
record SignedPut(URI url, Map<String, String> headers, Instant expiresAt) {

  SignedPut {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  @Override
  public String toString() {
    return "SignedPut[url=<redacted>, headers="
        + headers.keySet()
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
