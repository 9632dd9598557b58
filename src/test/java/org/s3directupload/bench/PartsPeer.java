package org.s3directupload.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The page's protocol for a file in parts without a browser: the same API calls (ticket, part URLs
 * in batches, complete) and the same work (each part's SHA-256, four parts in flight), in Java with
 * the JDK's HTTP client. The floor of the protocol on this machine and store, against which the
 * page's own cost shows.
 */
final class PartsPeer {

  private PartsPeer() {}

  /** Sends {@code file} in parts as the page would; answers the seconds from ticket to record. */
  static double upload(BenchServers servers, Path file, long size) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long started = System.nanoTime();
    JsonObject ticket =
        call(
            client,
            servers.app("api/uploads"),
            "{\"filename\":\"peer.pdf\",\"contentType\":\"application/pdf\",\"size\":" + size + "}",
            201);
    if (!"MULTIPART".equals(ticket.getString("method"))) {
      throw new IllegalStateException(
          "the file did not go in parts: " + ticket.getString("method"));
    }
    String id = ticket.getString("id");
    long partSize = ticket.getJsonNumber("partSize").longValue();
    int partCount = ticket.getInt("partCount");
    int parallel = ticket.getInt("parallelParts");
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<String>> etags = new ArrayList<>();
      for (int number = 1; number <= partCount; number++) {
        int partNumber = number;
        etags.add(
            pool.submit(
                () -> {
                  byte[] bytes = read(file, (partNumber - 1) * partSize, partSize, size);
                  String checksum =
                      Base64.getEncoder()
                          .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
                  JsonObject signed =
                      call(
                              client,
                              servers.app("api/uploads/" + id + "/parts"),
                              "{\"parts\":[{\"partNumber\":"
                                  + partNumber
                                  + ",\"checksumSha256\":\""
                                  + checksum
                                  + "\"}]}",
                              200)
                          .getJsonArray("parts")
                          .getJsonObject(0);
                  HttpRequest.Builder put =
                      HttpRequest.newBuilder(URI.create(signed.getString("url")))
                          .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
                  signed
                      .getJsonObject("headers")
                      .forEach((name, value) -> put.header(name, ((JsonString) value).getString()));
                  HttpResponse<String> answer =
                      client.send(put.build(), HttpResponse.BodyHandlers.ofString());
                  if (answer.statusCode() != 200) {
                    // never print the request: its URL is a credential
                    throw new IllegalStateException(
                        "part " + partNumber + ": HTTP " + answer.statusCode());
                  }
                  return answer.headers().firstValue("ETag").orElseThrow();
                }));
      }
      JsonArrayBuilder parts = Json.createArrayBuilder();
      for (int i = 0; i < partCount; i++) {
        parts.add(
            Json.createObjectBuilder().add("partNumber", i + 1).add("etag", etags.get(i).get()));
      }
      JsonObject record =
          call(
              client,
              servers.app("api/uploads/" + id + "/complete"),
              Json.createObjectBuilder().add("parts", parts).build().toString(),
              200);
      if (!"stored".equals(record.getString("state"))) {
        throw new IllegalStateException("the peer's upload is " + record.getString("state"));
      }
      return (System.nanoTime() - started) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] read(Path file, long from, long partSize, long size) throws Exception {
    byte[] bytes = new byte[(int) Math.min(partSize, size - from)];
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(from);
      in.readFully(bytes);
    }
    return bytes;
  }

  private static JsonObject call(HttpClient client, URI uri, String body, int expected)
      throws Exception {
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(uri)
                .header("Authorization", BenchServers.basic(BenchServers.PERSON))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != expected) {
      throw new IllegalStateException(
          uri.getPath() + ": HTTP " + answer.statusCode() + " " + answer.body());
    }
    try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
      return reader.readObject();
    }
  }
}
