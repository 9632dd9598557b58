package org.s3directupload.signing;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import org.s3directupload.json.Jsons;

/**
 * What the browser needs for one upload: where it goes, how to send it, and until when. For a
 * {@code PUT}, {@code headers} are exactly the headers to send; for a {@code POST}, {@code fields}
 * are exactly the form fields to send, in order, before the file. The signature covers them.
 *
 * @param id the upload's id: its record's, and the random segment of its key
 * @param key the object key the upload will have
 * @param method {@code PUT} or {@code POST}
 * @param url for a PUT the presigned URL, a bearer credential until {@code expiresAt}, never
 *     logged; for a POST the bucket's URL
 * @param headers the headers the browser must send, no more and no less; empty for a POST
 * @param fields the form fields the browser must send (the policy and its signature among them,
 *     never logged); empty for a PUT
 * @param expiresAt when the URL stops working
 */
public record UploadTicket(
    String id,
    String key,
    String method,
    String url,
    Map<String, String> headers,
    Map<String, String> fields,
    Instant expiresAt) {

  /** Whether the browser posts a form rather than putting the file. */
  public boolean isPost() {
    return "POST".equals(method);
  }

  /** The ticket as JSON, field order as documented. */
  public JsonObject toJson() {
    JsonObjectBuilder values = Jsons.createObjectBuilder();
    (isPost() ? fields : headers).forEach(values::add);
    return Jsons.createObjectBuilder()
        .add("id", id)
        .add("key", key)
        .add("method", method)
        .add("url", url)
        .add(isPost() ? "fields" : "headers", values)
        .add("expiresAt", expiresAt.toString())
        .build();
  }

  @Override
  public String toString() {
    return "UploadTicket[id="
        + id
        + ", key="
        + key
        + ", method="
        + method
        + ", url=<redacted>, expiresAt="
        + expiresAt
        + "]";
  }
}
