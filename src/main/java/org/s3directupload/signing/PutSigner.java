package org.s3directupload.signing;

import java.time.Duration;
import java.util.Map;

/**
 * Signs a PUT of one object, or of one part of it, so that it works only with exactly the given
 * headers.
 */
interface PutSigner {

  /**
   * @param key the object key, already chosen by {@link KeyPolicy}
   * @param size the declared length; signed where the signature version can sign it
   * @param headers the headers the browser will send, all of them to be signed where possible
   * @param lifetime how long the URL stays valid
   */
  default SignedPut sign(String key, long size, Map<String, String> headers, Duration lifetime) {
    return sign(key, Map.of(), size, headers, lifetime);
  }

  /**
   * @param subresources query parameters that name what is put, signed as part of the resource:
   *     {@code partNumber} and {@code uploadId} for a part of a multipart upload; empty for an
   *     object
   */
  SignedPut sign(
      String key,
      Map<String, String> subresources,
      long size,
      Map<String, String> headers,
      Duration lifetime);
}
