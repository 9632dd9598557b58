package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Every upload is known and checked: the record of a ticket, the check of the stored object when
 * the page completes it and by the sweeper when it does not, and what its owner may do with it
 * afterwards, against S3Proxy, which checks signatures, signed checksums and If-None-Match.
 */
@OnTheServer
class RecordsIT {

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

  private static final HttpClient NO_REDIRECTS =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
    return bytes;
  }

  static String sha256(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private JsonObject ticketFor(People person, String filename, byte[] file) throws Exception {
    HttpResponse<String> response =
        person.post(
            app.uploads(),
            "application/json",
            "{\"filename\":\""
                + filename
                + "\",\"contentType\":\"application/pdf\",\"size\":"
                + file.length
                + ",\"checksumSha256\":\""
                + sha256(file)
                + "\"}");
    assertEquals(201, response.statusCode(), response.body());
    return Http.json(response);
  }

  private static HttpResponse<String> put(JsonObject ticket, byte[] body) throws Exception {
    return Http.put(ticket.getString("url"), PresignedPutIT.headersOf(ticket), body);
  }

  private HttpResponse<String> complete(People person, String id) throws Exception {
    return person.post(app.resolve("api/uploads/" + id + "/complete"), "application/json", "{}");
  }

  private HttpResponse<String> record(People person, String id) throws Exception {
    return person.get(app.resolve("api/uploads/" + id));
  }

  private JsonObject uploaded(People person, String filename, byte[] file) throws Exception {
    JsonObject ticket = ticketFor(person, filename, file);
    HttpResponse<String> stored = put(ticket, file);
    assertEquals(200, stored.statusCode(), stored.body());
    return ticket;
  }

  @Test
  void aCompletedUploadIsCheckedAndStoredOnceWhateverTheRepeats() throws Exception {
    byte[] file = pdf(2_000);
    JsonObject ticket = uploaded(People.ALICE, "Grüße report.pdf", file);
    String id = ticket.getString("id");

    HttpResponse<String> completed = complete(People.ALICE, id);
    HttpResponse<String> again = complete(People.ALICE, id);

    assertEquals(200, completed.statusCode(), completed.body());
    JsonObject record = Http.json(completed);
    assertEquals("stored", record.getString("state"), record.toString());
    assertEquals(ticket.getString("key"), record.getString("key"));
    assertEquals("Grüße report.pdf", record.getString("filename"));
    assertEquals(2_000, record.getInt("size"));
    assertEquals(List.of(), record.getJsonArray("problems").getValuesAs(JsonString::getString));
    assertEquals(200, again.statusCode());
    assertEquals(record, Http.json(again), "complete is idempotent");
    assertEquals(record, Http.json(record(People.ALICE, id)));
  }

  @Test
  void completingBeforeAnythingWasSentIs409() throws Exception {
    JsonObject ticket = ticketFor(People.ALICE, "not-yet.pdf", pdf(100));

    Http.assertErrorShape(complete(People.ALICE, ticket.getString("id")), 409, "not_uploaded");
    assertEquals(
        "issued", Http.json(record(People.ALICE, ticket.getString("id"))).getString("state"));
  }

  @Test
  void aReplayedUrlCannotOverwriteTheUpload() throws Exception {
    byte[] file = pdf(500);
    JsonObject ticket = uploaded(People.ALICE, "once.pdf", file);

    HttpResponse<String> replay = put(ticket, file);

    assertEquals(412, replay.statusCode(), replay.body());
    assertTrue(replay.body().contains("PreconditionFailed"), replay.body());
  }

  @Test
  void aBodyOtherThanTheDeclaredOneIsRefusedByTheStore() throws Exception {
    byte[] declared = pdf(800);
    byte[] other = pdf(800);
    other[500] ^= 1;
    JsonObject ticket = ticketFor(People.ALICE, "tampered.pdf", declared);

    HttpResponse<String> refused = put(ticket, other);

    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("BadDigest"), refused.body());
    assertThrows(
        NoSuchKeyException.class,
        () -> s3.headObject(b -> b.bucket(TestStore.bucket()).key(ticket.getString("key"))));
  }

  @Test
  void anObjectReplacedBehindTheApplicationsBackIsRejectedAndRemoved() throws Exception {
    JsonObject ticket = uploaded(People.ALICE, "replaced.pdf", pdf(1_000));
    String key = ticket.getString("key");
    s3.putObject(
        b -> b.bucket(TestStore.bucket()).key(key).contentType("text/html"),
        RequestBody.fromString("<html>something else</html>"));

    JsonObject record = Http.json(complete(People.ALICE, ticket.getString("id")));

    assertEquals("rejected", record.getString("state"), record.toString());
    List<String> problems = record.getJsonArray("problems").getValuesAs(JsonString::getString);
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("The stored file is 27 bytes")),
        problems.toString());
    assertTrue(
        problems.contains("The stored file's type is text/html, not the application/pdf declared."),
        problems.toString());
    assertTrue(
        problems.contains("The stored file was not uploaded with this upload's ticket."),
        problems.toString());
    assertThrows(
        NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(TestStore.bucket()).key(key)));
  }

  @Test
  void theOwnerDownloadsTheStoredFileAsAnAttachmentWithItsName() throws Exception {
    byte[] file = pdf(1_500);
    JsonObject ticket = uploaded(People.ALICE, "Quarterly report.pdf", file);
    complete(People.ALICE, ticket.getString("id"));

    HttpResponse<String> redirect =
        NO_REDIRECTS.send(
            People.ALICE
                .request(app.resolve("api/uploads/" + ticket.getString("id") + "/download"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    HttpResponse<byte[]> download =
        NO_REDIRECTS.send(
            HttpRequest.newBuilder(location).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(303, redirect.statusCode(), redirect.body());
    assertEquals(200, download.statusCode());
    assertArrayEquals(file, download.body());
    assertEquals(
        "attachment; filename=\"Quarterly_report.pdf\"; filename*=UTF-8''Quarterly%20report.pdf",
        download.headers().firstValue("Content-Disposition").orElse(""));
  }

  @Test
  void deletingRemovesTheObjectAndKeepsTheRecordAsDeleted() throws Exception {
    JsonObject ticket = uploaded(People.ALICE, "to-delete.pdf", pdf(300));
    String id = ticket.getString("id");
    complete(People.ALICE, id);

    HttpResponse<String> deleted =
        Http.send(People.ALICE.request(app.resolve("api/uploads/" + id)).DELETE().build());

    assertEquals(200, deleted.statusCode(), deleted.body());
    assertEquals("deleted", Http.json(deleted).getString("state"));
    assertEquals("deleted", Http.json(record(People.ALICE, id)).getString("state"));
    assertThrows(
        NoSuchKeyException.class,
        () -> s3.headObject(b -> b.bucket(TestStore.bucket()).key(ticket.getString("key"))));
    Http.assertErrorShape(
        People.ALICE.get(app.resolve("api/uploads/" + id + "/download")), 409, "not_stored");
  }

  @Test
  void someoneElsesUploadIsAnswered404LikeAnUnknownOne() throws Exception {
    JsonObject bobs = uploaded(People.BOB, "bobs.pdf", pdf(200));
    String id = bobs.getString("id");
    String unknown = "00000000-0000-0000-0000-000000000000";

    for (String which : List.of(id, unknown, "not-an-id")) {
      List<HttpResponse<String>> answers = new ArrayList<>();
      answers.add(record(People.ALICE, which));
      answers.add(complete(People.ALICE, which));
      answers.add(People.ALICE.get(app.resolve("api/uploads/" + which + "/download")));
      answers.add(
          Http.send(People.ALICE.request(app.resolve("api/uploads/" + which)).DELETE().build()));
      for (HttpResponse<String> answer : answers) {
        Http.assertErrorShape(answer, 404, "not_found");
        assertEquals(
            "There is no upload of yours with this id.",
            Http.json(answer).getString("message"),
            which);
      }
    }
    assertEquals("issued", Http.json(record(People.BOB, id)).getString("state"), "untouched");
  }

  @Test
  void theListingIsTheCallersOwnNewestFirstInPages() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(0, ticketFor(People.HASHED, "page-" + i + ".pdf", pdf(10 + i)).getString("id"));
      Thread.sleep(5); // distinct issue times
    }

    JsonObject first = Http.json(People.HASHED.get(app.resolve("api/uploads?limit=2")));
    JsonObject second =
        Http.json(
            People.HASHED.get(
                app.resolve("api/uploads?limit=2&cursor=" + first.getString("next"))));

    assertEquals(ids.subList(0, 2), idsOf(first));
    assertEquals(ids.get(2), idsOf(second).get(0));
    assertFalse(idsOf(second).contains(ids.get(0)));
    assertTrue(
        idsOf(Http.json(People.HASHED.get(app.resolve("api/uploads?state=issued&limit=200"))))
            .containsAll(ids));
    assertTrue(
        idsOf(Http.json(People.HASHED.get(app.resolve("api/uploads?state=stored&limit=200"))))
            .stream()
            .noneMatch(ids::contains));
    Http.assertErrorShape(
        People.HASHED.get(app.resolve("api/uploads?limit=201")), 400, "invalid_request");
    Http.assertErrorShape(
        People.HASHED.get(app.resolve("api/uploads?cursor=broken")), 400, "invalid_request");
    Http.assertErrorShape(
        People.HASHED.get(app.resolve("api/uploads?state=lost")), 400, "invalid_request");
  }

  @Test
  void administratorsSeeEveryonesUploadsOthersMayNot() throws Exception {
    String id = ticketFor(People.BOB, "for-the-admin.pdf", pdf(20)).getString("id");

    HttpResponse<String> admin =
        People.ADA.get(app.resolve("api/admin/uploads?person=bob&limit=200"));

    assertEquals(200, admin.statusCode(), admin.body());
    assertTrue(idsOf(Http.json(admin)).contains(id));
    assertTrue(
        Http.json(admin).getJsonArray("uploads").getValuesAs(JsonObject.class).stream()
            .allMatch(r -> r.getString("person").equals("bob")));
    Http.assertErrorShape(People.ALICE.get(app.resolve("api/admin/uploads")), 403, "forbidden");
  }

  @Test
  void theSweeperChecksWhatThePageNeverCompletedAndMarksUnusedTicketsMissing() throws Exception {
    JsonObject sent = uploaded(People.ALICE, "page-closed.pdf", pdf(700));
    JsonObject unused = ticketFor(People.ALICE, "never-sent.pdf", pdf(700));

    // the tickets expire (upload.url-lifetime), then the sweeper looks (every second here)
    String sentState = awaitState(sent.getString("id"), "stored");
    String unusedState = awaitState(unused.getString("id"), "missing");

    assertEquals("stored", sentState);
    assertEquals("missing", unusedState);
    assertEquals(
        List.of("Nothing was uploaded with this ticket before it expired."),
        Http.json(record(People.ALICE, unused.getString("id")))
            .getJsonArray("problems")
            .getValuesAs(JsonString::getString));
  }

  private String awaitState(String id, String wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String state;
    do {
      state = Http.json(record(People.ALICE, id)).getString("state");
      if (state.equals(wanted)) {
        return state;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return state;
  }

  private static List<String> idsOf(JsonObject page) {
    return page.getJsonArray("uploads").getValuesAs(JsonObject.class).stream()
        .map(r -> r.getString("id"))
        .toList();
  }
}
