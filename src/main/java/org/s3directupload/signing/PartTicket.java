package org.s3directupload.signing;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import org.s3directupload.json.Jsons;

/**
 * What the browser needs to send one part: where, with which headers, until when. The URL is a
 * bearer credential until then, never logged.
 */
public record PartTicket(
    int partNumber, String url, Map<String, String> headers, Instant expiresAt) {

  public JsonObject toJson() {
    JsonObjectBuilder values = Jsons.createObjectBuilder();
    headers.forEach(values::add);
    return Jsons.createObjectBuilder()
        .add("partNumber", partNumber)
        .add("url", url)
        .add("headers", values)
        .add("expiresAt", expiresAt.toString())
        .build();
  }

  @Override
  public String toString() {
    return "PartTicket[partNumber=" + partNumber + ", url=<redacted>, expiresAt=" + expiresAt + "]";
  }
}
