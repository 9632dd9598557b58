package org.s3directupload.signing;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import org.s3directupload.json.Jsons;

/**
 * What the browser needs for one upload: where it goes, how to send it, and until when. {@code
 * headers} are exactly the headers to send; the signature covers them.
 *
 * @param id the upload's id: its record's, and the random segment of its key
 * @param key the object key the upload will have
 * @param method always {@code PUT}
 * @param url the presigned URL; a bearer credential until {@code expiresAt}, never logged
 * @param headers the headers the browser must send, no more and no less
 * @param expiresAt when the URL stops working
 */
public record UploadTicket(
    String id,
    String key,
    String method,
    String url,
    Map<String, String> headers,
    Instant expiresAt) {

  /** The ticket as JSON, field order as documented. */
  public JsonObject toJson() {
    JsonObjectBuilder headerJson = Jsons.createObjectBuilder();
    headers.forEach(headerJson::add);
    return Jsons.createObjectBuilder()
        .add("id", id)
        .add("key", key)
        .add("method", method)
        .add("url", url)
        .add("headers", headerJson)
        .add("expiresAt", expiresAt.toString())
        .build();
  }

  @Override
  public String toString() {
    return "UploadTicket[id="
        + id
        + ", key="
        + key
        + ", url=<redacted>, expiresAt="
        + expiresAt
        + "]";
  }
}
