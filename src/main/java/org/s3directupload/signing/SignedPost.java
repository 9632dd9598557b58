package org.s3directupload.signing;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed POST form: where to post it, the fields to send before the file (policy and signature
 * among them, a bearer credential until {@code expiresAt}, never logged), and when it stops
 * working.
 */
record SignedPost(URI url, Map<String, String> fields, Instant expiresAt) {

  SignedPost {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  @Override
  public String toString() {
    return "SignedPost[url="
        + url
        + ", fields="
        + fields.keySet()
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
