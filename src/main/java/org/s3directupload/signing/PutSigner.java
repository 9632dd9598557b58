package org.s3directupload.signing;

import java.time.Duration;
import java.util.Map;

/** Signs a PUT of one object so that it works only with exactly the given headers. */
interface PutSigner {

  /**
   * @param key the object key, already chosen by {@link KeyPolicy}
   * @param size the declared length; signed where the signature version can sign it
   * @param headers the headers the browser will send, all of them to be signed where possible
   * @param lifetime how long the URL stays valid
   */
  SignedPut sign(String key, long size, Map<String, String> headers, Duration lifetime);
}
