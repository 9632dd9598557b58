package org.s3directupload.bucket;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} POST as a browser sends a form: the fields in order, then the file.
 * The doctor's canary sends one when tickets are forms ({@code upload.method=post}).
 */
final class FormBodies {

  private FormBodies() {}

  /** The request, without an Origin: the caller adds what a browser would. */
  static HttpRequest.Builder post(
      URI url, Map<String, String> fields, byte[] file, Duration timeout) {
    String boundary = "----s3-direct-upload-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach(
        (name, value) ->
            body.writeBytes(
                ("--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\""
                        + name
                        + "\"\r\n\r\n"
                        + value
                        + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"canary\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
  }
}
