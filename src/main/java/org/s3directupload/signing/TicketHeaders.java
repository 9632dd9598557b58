package org.s3directupload.signing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers a ticket tells the browser to send, and therefore the one list that the signature,
 * the bucket's CORS rule and the page must agree on.
 *
 * <p>Encryption is requested by the {@code x-amz-server-side-encryption} <em>header</em>: S3 does
 * not encrypt because of a query parameter. Signing that header means a PUT without it, or with
 * another algorithm, no longer matches the signature and is refused by the store.
 */
public final class TicketHeaders {

  public static final String CONTENT_TYPE = "Content-Type";
  public static final String CONTENT_DISPOSITION = "Content-Disposition";
  public static final String SSE = "x-amz-server-side-encryption";
  public static final String SSE_KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";

  /** Temporary credentials' token; SigV2 carries it as a signed header, SigV4 in the query. */
  public static final String SECURITY_TOKEN = "x-amz-security-token";

  private TicketHeaders() {}

  /** The headers for one upload, in the order they are listed to the browser. */
  static Map<String, String> forUpload(SigningSettings settings, AcceptedUpload upload) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CONTENT_TYPE, upload.contentType());
    headers.put(CONTENT_DISPOSITION, upload.name().contentDisposition());
    headers.put(SSE, settings.store().sse().headerValue());
    settings.store().sseKmsKeyId().ifPresent(keyId -> headers.put(SSE_KMS_KEY_ID, keyId));
    return headers;
  }

  /**
   * Every header name a ticket can carry under these settings, lower case as browsers send them in
   * a CORS preflight's {@code Access-Control-Request-Headers}: exactly what the bucket's CORS rule
   * must allow, no more.
   */
  public static List<String> names(SigningSettings settings) {
    List<String> names = new ArrayList<>();
    names.add(CONTENT_TYPE);
    names.add(CONTENT_DISPOSITION);
    names.add(SSE);
    if (settings.store().sseKmsKeyId().isPresent()) {
      names.add(SSE_KMS_KEY_ID);
    }
    if (settings.signatureVersion() == SignatureVersion.V2) {
      names.add(SECURITY_TOKEN);
    }
    return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
  }
}
