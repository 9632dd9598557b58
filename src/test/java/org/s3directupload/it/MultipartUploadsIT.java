package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Uploads in parts through the API against a store that checks signatures (S3Proxy): the test
 * environment sends files above 5 MiB in parts of 5 MiB. Failsafe runs this class with the server
 * signing v4 and again signing v2.
 */
@OnTheServer
class MultipartUploadsIT {

  static final int PART = 5 * 1024 * 1024;

  @ArquillianResource TheApp app;

  private static S3Client s3;

  @BeforeAll
  static void connect() {
    s3 = TestStore.client();
  }

  @AfterAll
  static void disconnect() {
    s3.close();
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static byte[] part(byte[] file, int number) {
    int from = (number - 1) * PART;
    return Arrays.copyOfRange(file, from, Math.min(file.length, from + PART));
  }

  private JsonObject ticket(People person, String filename, long size) throws Exception {
    HttpResponse<String> response =
        person.post(
            app.uploads(),
            "application/json",
            "{\"filename\":\""
                + filename
                + "\",\"contentType\":\"application/pdf\",\"size\":"
                + size
                + "}");
    assertEquals(201, response.statusCode(), response.body());
    return Http.json(response);
  }

  private URI at(String id, String path) {
    return app.resolve("api/uploads/" + id + path);
  }

  private HttpResponse<String> sign(People person, String id, String parts) throws Exception {
    return person.post(at(id, "/parts"), "application/json", "{\"parts\":" + parts + "}");
  }

  /** Part URLs for {@code numbers} of {@code file}, each with its own SHA-256. */
  private JsonArray signed(String id, byte[] file, int... numbers) throws Exception {
    StringBuilder parts = new StringBuilder("[");
    for (int number : numbers) {
      parts
          .append(parts.length() > 1 ? "," : "")
          .append("{\"partNumber\":")
          .append(number)
          .append(",\"checksumSha256\":\"")
          .append(sha256(part(file, number)))
          .append("\"}");
    }
    HttpResponse<String> response = sign(People.ALICE, id, parts.append(']').toString());
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response).getJsonArray("parts");
  }

  static Map<String, String> headersOf(JsonObject part) {
    Map<String, String> headers = new LinkedHashMap<>();
    part.getJsonObject("headers")
        .forEach((name, value) -> headers.put(name, ((JsonString) value).getString()));
    return headers;
  }

  /** Sends a signed part; answers its ETag. */
  private static String send(JsonObject signedPart, byte[] body) throws Exception {
    HttpResponse<String> put = Http.put(signedPart.getString("url"), headersOf(signedPart), body);
    assertEquals(200, put.statusCode(), put.body());
    return put.headers().firstValue("ETag").orElseThrow();
  }

  private HttpResponse<String> complete(People person, String id, List<String> etags)
      throws Exception {
    StringBuilder parts = new StringBuilder("{\"parts\":[");
    for (int i = 0; i < etags.size(); i++) {
      parts
          .append(i > 0 ? "," : "")
          .append("{\"partNumber\":")
          .append(i + 1)
          .append(",\"etag\":")
          .append(jakarta.json.Json.createValue(etags.get(i)))
          .append('}');
    }
    return person.post(at(id, "/complete"), "application/json", parts.append("]}").toString());
  }

  private List<String> sendAll(String id, byte[] file, int count) throws Exception {
    int[] numbers = new int[count];
    for (int i = 0; i < count; i++) {
      numbers[i] = i + 1;
    }
    JsonArray parts = signed(id, file, numbers);
    List<String> etags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonObject part = parts.getJsonObject(i);
      assertEquals(i + 1, part.getInt("partNumber"));
      etags.add(send(part, part(file, i + 1)));
    }
    return etags;
  }

  private boolean storeHasUpload(String key) {
    return s3.listMultipartUploads(b -> b.bucket(TestStore.bucket()).prefix(key)).uploads().stream()
        .anyMatch(upload -> upload.key().equals(key));
  }

  @Test
  void storesAFileSentInPartsEncryptedAndWhole() throws Exception {
    byte[] file = randomBytes(2 * PART + 123_456, 1);
    JsonObject ticket = ticket(People.ALICE, "scan in parts.pdf", file.length);
    assertEquals("MULTIPART", ticket.getString("method"));
    assertEquals(PART, ticket.getJsonNumber("partSize").longValue());
    assertEquals(3, ticket.getInt("partCount"));
    assertEquals(file.length, ticket.getJsonNumber("size").longValue());
    assertTrue(ticket.getInt("parallelParts") >= 1);
    assertFalse(ticket.containsKey("url"), "a multipart ticket is no URL: parts are signed later");
    String id = ticket.getString("id");
    String key = ticket.getString("key");
    assertTrue(key.startsWith(TestStore.settings().keyPrefix()), key);
    assertTrue(storeHasUpload(key), "the ticket started the multipart upload in the store");

    List<String> etags = sendAll(id, file, 3);

    JsonArray listed = Http.json(People.ALICE.get(at(id, "/parts"))).getJsonArray("parts");
    assertEquals(3, listed.size());
    assertEquals(etags.get(1), listed.getJsonObject(1).getString("etag"));
    assertEquals(PART, listed.getJsonObject(0).getJsonNumber("size").longValue());
    assertEquals(123_456, listed.getJsonObject(2).getJsonNumber("size").longValue());

    HttpResponse<String> completed = complete(People.ALICE, id, etags);
    assertEquals(200, completed.statusCode(), completed.body());
    assertEquals("stored", Http.json(completed).getString("state"), completed.body());
    assertFalse(storeHasUpload(key));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(TestStore.bucket()).key(key));
    assertEquals("AES256", head.serverSideEncryptionAsString());
    assertEquals("application/pdf", head.contentType());
    assertEquals(id, head.metadata().get("upload-id"));
    ResponseBytes<GetObjectResponse> stored =
        s3.getObjectAsBytes(b -> b.bucket(TestStore.bucket()).key(key));
    assertEquals(sha256(file), sha256(stored.asByteArray()));

    // a second completion answers the record as it stands
    HttpResponse<String> again = complete(People.ALICE, id, etags);
    assertEquals("stored", Http.json(again).getString("state"), again.body());
  }

  @Test
  void anotherPersonsUploadIsNotFoundForEveryPartCall() throws Exception {
    byte[] file = randomBytes(PART + 10, 2);
    JsonObject ticket = ticket(People.ALICE, "alice only.pdf", file.length);
    String id = ticket.getString("id");
    String checksum = sha256(part(file, 1));

    Http.assertErrorShape(
        sign(People.BOB, id, "[{\"partNumber\":1,\"checksumSha256\":\"" + checksum + "\"}]"),
        404,
        "not_found");
    Http.assertErrorShape(People.BOB.get(at(id, "/parts")), 404, "not_found");
    Http.assertErrorShape(complete(People.BOB, id, List.of("\"x\"", "\"y\"")), 404, "not_found");
    HttpResponse<String> deleted =
        Http.send(People.BOB.request(app.resolve("api/uploads/" + id)).DELETE().build());
    Http.assertErrorShape(deleted, 404, "not_found");
    assertTrue(storeHasUpload(ticket.getString("key")), "bob's calls changed nothing");
  }

  @Test
  void theStoreRefusesAPartLongerOrOtherThanSigned() throws Exception {
    byte[] file = randomBytes(PART + 1_000, 3);
    JsonObject ticket = ticket(People.ALICE, "exact parts.pdf", file.length);
    String id = ticket.getString("id");
    JsonObject last = signed(id, file, 2).getJsonObject(0);

    byte[] longer = Arrays.copyOf(part(file, 2), 1_001);
    HttpResponse<String> tooLong = Http.put(last.getString("url"), headersOf(last), longer);
    assertTrue(
        tooLong.statusCode() == 400 || tooLong.statusCode() == 403,
        tooLong.statusCode() + " " + tooLong.body());
    byte[] other = part(file, 2).clone();
    other[0] ^= 1;
    HttpResponse<String> changed = Http.put(last.getString("url"), headersOf(last), other);
    assertTrue(
        changed.statusCode() == 400 || changed.statusCode() == 403,
        changed.statusCode() + " " + changed.body());

    JsonArray listed = Http.json(People.ALICE.get(at(id, "/parts"))).getJsonArray("parts");
    assertEquals(0, listed.size(), listed.toString());
  }

  @Test
  void aWrongEtagCompletesNothing() throws Exception {
    byte[] file = randomBytes(PART + 2_000, 4);
    JsonObject ticket = ticket(People.ALICE, "wrong etag.pdf", file.length);
    String id = ticket.getString("id");
    List<String> etags = sendAll(id, file, 2);

    HttpResponse<String> wrong =
        complete(People.ALICE, id, List.of(etags.get(0), "\"0123456789abcdef0123456789abcdef\""));
    Http.assertErrorShape(wrong, 400, "invalid_request");
    assertTrue(Http.json(wrong).getString("message").contains("Part 2"), wrong.body());
    assertEquals("issued", Http.json(People.ALICE.get(at(id, ""))).getString("state"));

    HttpResponse<String> missing = complete(People.ALICE, id, List.of(etags.get(0)));
    Http.assertErrorShape(missing, 400, "invalid_request");
    // no parts at all: a page asking what became of its upload
    Http.assertErrorShape(
        People.ALICE.post(at(id, "/complete"), "application/json", "{}"), 409, "not_uploaded");

    HttpResponse<String> right = complete(People.ALICE, id, etags);
    assertEquals("stored", Http.json(right).getString("state"), right.body());
  }

  @Test
  void cancellingAbortsTheUploadInTheStore() throws Exception {
    byte[] file = randomBytes(PART + 3_000, 5);
    JsonObject ticket = ticket(People.ALICE, "cancelled.pdf", file.length);
    String id = ticket.getString("id");
    String key = ticket.getString("key");
    send(signed(id, file, 1).getJsonObject(0), part(file, 1));

    HttpResponse<String> deleted =
        Http.send(People.ALICE.request(app.resolve("api/uploads/" + id)).DELETE().build());

    assertEquals(200, deleted.statusCode(), deleted.body());
    assertEquals("deleted", Http.json(deleted).getString("state"));
    assertFalse(storeHasUpload(key), "the store lists no multipart upload for the key");
    Http.assertErrorShape(
        sign(
            People.ALICE,
            id,
            "[{\"partNumber\":2,\"checksumSha256\":\"" + sha256(part(file, 2)) + "\"}]"),
        409,
        "not_open");
    Http.assertErrorShape(People.ALICE.get(at(id, "/parts")), 409, "not_open");
  }

  @Test
  void malformedPartRequestsAreRefusedInSentences() throws Exception {
    byte[] file = randomBytes(PART + 4_000, 6);
    String id = ticket(People.ALICE, "malformed.pdf", file.length).getString("id");
    String good = sha256(part(file, 1));
    List<String> bad =
        List.of(
            "[]",
            "[{\"partNumber\":0,\"checksumSha256\":\"" + good + "\"}]",
            "[{\"partNumber\":3,\"checksumSha256\":\"" + good + "\"}]",
            "[{\"partNumber\":1.5,\"checksumSha256\":\"" + good + "\"}]",
            "[{\"partNumber\":\"1\",\"checksumSha256\":\"" + good + "\"}]",
            "[{\"partNumber\":1}]",
            "[{\"partNumber\":1,\"checksumSha256\":\"not base64\"}]",
            "[{\"partNumber\":1,\"checksumSha256\":\""
                + good
                + "\"},{\"partNumber\":1,\"checksumSha256\":\""
                + good
                + "\"}]",
            "{}",
            "[1]");
    for (String parts : bad) {
      Http.assertErrorShape(sign(People.ALICE, id, parts), 400, "invalid_request");
    }
    Http.assertErrorShape(
        People.ALICE.post(at(id, "/parts"), "application/json", "not json"),
        400,
        "invalid_request");
    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      tooMany
          .append(i > 0 ? "," : "")
          .append("{\"partNumber\":1,\"checksumSha256\":\"")
          .append(good)
          .append("\"}");
    }
    Http.assertErrorShape(
        sign(People.ALICE, id, tooMany.append(']').toString()), 400, "invalid_request");

    // a single PUT's record has no parts
    HttpResponse<String> single =
        People.ALICE.post(
            app.uploads(),
            "application/json",
            "{\"filename\":\"one.pdf\",\"contentType\":\"application/pdf\",\"size\":10}");
    String singleId = Http.json(single).getString("id");
    Http.assertErrorShape(
        sign(People.ALICE, singleId, "[{\"partNumber\":1,\"checksumSha256\":\"" + good + "\"}]"),
        400,
        "invalid_request");
  }

  @Test
  void partSigningHasItsOwnLimit() throws Exception {
    byte[] file = randomBytes(PART + 6_000, 8);
    String id = ticket(People.ALICE, "signed too often.pdf", file.length).getString("id");
    String one = "[{\"partNumber\":1,\"checksumSha256\":\"" + sha256(part(file, 1)) + "\"}]";
    int signed = 0;
    HttpResponse<String> answer;
    while ((answer = sign(People.ALICE, id, one)).statusCode() == 200 && signed < 1_000) {
      signed++;
    }
    // two parts: each may be signed three times over, and a hundred more for good measure
    assertEquals(2 * 3 + 100, signed);
    Http.assertErrorShape(answer, 409, "not_open");
  }

  @Test
  void partUrlsAreSignedForTheOwnerAndCarryNoSecretInTheHeaders() throws Exception {
    byte[] file = randomBytes(PART + 5_000, 7);
    String id = ticket(People.ALICE, "headers.pdf", file.length).getString("id");
    JsonObject part = signed(id, file, 1).getJsonObject(0);
    assertEquals(Map.of("x-amz-checksum-sha256", sha256(part(file, 1))), headersOf(part));
    assertTrue(part.getString("url").contains("partNumber=1"), "the part number is signed");
    assertTrue(part.getString("url").contains("uploadId="), "the upload is signed");
    assertTrue(part.containsKey("expiresAt"));
    // the store accepts it
    assertFalse(send(part, part(file, 1)).isEmpty());
  }
}
