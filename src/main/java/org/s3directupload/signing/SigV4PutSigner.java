package org.s3directupload.signing;

import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * SigV4 query signing through the SDK's {@link S3Presigner}. Every ticket header and {@code
 * Content-Length} become signed headers, so the URL works only for a body of the declared length
 * sent with exactly those header values; the result is checked so that a header the SDK did not
 * sign can never reach a ticket.
 */
final class SigV4PutSigner implements PutSigner {

  private static final String METADATA = "x-amz-meta-";

  /** Signed, but set by the browser itself; a ticket must not ask for them. */
  private static final List<String> SET_BY_BROWSER = List.of("host", "content-length");

  private final S3Presigner presigner;
  private final String bucket;

  SigV4PutSigner(S3Presigner presigner, String bucket) {
    this.presigner = presigner;
    this.bucket = bucket;
  }

  @Override
  public SignedPut sign(String key, long size, Map<String, String> headers, Duration lifetime) {
    PutObjectRequest.Builder put =
        PutObjectRequest.builder().bucket(bucket).key(key).contentLength(size);
    Map<String, String> metadata = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          switch (name) {
            case TicketHeaders.CONTENT_TYPE -> put.contentType(value);
            case TicketHeaders.CONTENT_DISPOSITION -> put.contentDisposition(value);
            case TicketHeaders.SSE -> put.serverSideEncryption(value);
            case TicketHeaders.SSE_KMS_KEY_ID -> put.ssekmsKeyId(value);
            case TicketHeaders.IF_NONE_MATCH -> put.ifNoneMatch(value);
            case TicketHeaders.CHECKSUM_SHA256 -> put.checksumSHA256(value);
            case TicketHeaders.TAGGING -> put.tagging(value);
            case TicketHeaders.STORAGE_CLASS -> put.storageClass(value);
            default -> {
              if (!name.startsWith(METADATA)) {
                throw new IllegalArgumentException("A ticket cannot carry " + name);
              }
              metadata.put(name.substring(METADATA.length()), value);
            }
          }
        });
    if (!metadata.isEmpty()) {
      put.metadata(metadata);
    }
    PresignedPutObjectRequest presigned =
        presigner.presignPutObject(
            PutObjectPresignRequest.builder()
                .signatureDuration(lifetime)
                .putObjectRequest(put.build())
                .build());
    requireSignedExactly(headers, size, presigned.signedHeaders());
    try {
      return new SignedPut(presigned.url().toURI(), headers, presigned.expiration());
    } catch (URISyntaxException e) {
      // no cause chained: its message would be the presigned URL, a credential
      throw new IllegalStateException("The SDK produced an unparsable URL for a ticket");
    }
  }

  private static void requireSignedExactly(
      Map<String, String> wanted, long size, Map<String, List<String>> signed) {
    Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(signed);
    if (!List.of(Long.toString(size)).equals(byName.get("content-length"))) {
      throw new IllegalStateException("The SDK did not sign Content-Length as the ticket requires");
    }
    for (Map.Entry<String, String> header : wanted.entrySet()) {
      List<String> values = byName.get(header.getKey());
      if (values == null || !values.equals(List.of(header.getValue()))) {
        throw new IllegalStateException(
            "The SDK did not sign " + header.getKey() + " as the ticket requires");
      }
    }
    for (String name : byName.keySet()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!SET_BY_BROWSER.contains(lower)
          && wanted.keySet().stream().noneMatch(w -> w.equalsIgnoreCase(name))) {
        throw new IllegalStateException(
            "The SDK signed " + name + ", which the ticket does not tell the browser to send");
      }
    }
  }
}
