package org.s3directupload.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.s3directupload.uploads.UploadRecord.State;

/** The records on a real SQL database (H2 in memory). */
class UploadRecordsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  private JdbcDataSource database;
  private UploadRecords cut;

  @BeforeEach
  void freshDatabase() throws Exception {
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    cut = new UploadRecords(database);
    cut.prepare();
  }

  private static UploadRecord issued(String id, String person, Instant at) {
    return new UploadRecord(
        id,
        person,
        "uploads/" + person + "/" + id + "/a.pdf",
        "Grüße.pdf",
        "application/pdf",
        3,
        Optional.empty(),
        "v4",
        "AES256",
        Optional.empty(),
        at,
        at.plusSeconds(600),
        State.ISSUED,
        at,
        List.of());
  }

  private static String id(int n) {
    return String.format("00000000-0000-0000-0000-%012d", n);
  }

  @Test
  void aRecordIsReadBackAsWritten() throws Exception {
    UploadRecord record = issued(id(1), "alice", T0);

    cut.insert(record);

    assertEquals(Optional.of(record), cut.find(id(1)));
    assertEquals(Optional.empty(), cut.find(id(2)));
  }

  @Test
  void migratingAgainChangesNothing() throws Exception {
    cut.insert(issued(id(1), "alice", T0));

    new UploadRecords(database).prepare();

    assertTrue(cut.find(id(1)).isPresent());
  }

  @Test
  void listingsAreNewestFirstInPagesWithACursor() throws Exception {
    for (int i = 1; i <= 5; i++) {
      cut.insert(issued(id(i), "alice", T0.plusSeconds(i)));
    }
    cut.insert(issued(id(9), "bob", T0.plusSeconds(9)));

    UploadRecords.Page first = cut.list("alice", null, null, 2);
    UploadRecords.Page second = cut.list("alice", null, first.next().orElseThrow(), 2);
    UploadRecords.Page last = cut.list("alice", null, second.next().orElseThrow(), 2);

    assertEquals(List.of(id(5), id(4)), ids(first));
    assertEquals(List.of(id(3), id(2)), ids(second));
    assertEquals(List.of(id(1)), ids(last));
    assertEquals(Optional.empty(), last.next());
    assertEquals(6, cut.list(null, null, null, 200).records().size(), "everyone's");
  }

  @Test
  void aCursorSurvivesItsTripThroughTheApi() {
    UploadRecords.Cursor cursor = new UploadRecords.Cursor(T0.toEpochMilli(), id(7));

    assertEquals(Optional.of(cursor), UploadRecords.Cursor.decode(cursor.encoded()));
    assertEquals(Optional.empty(), UploadRecords.Cursor.decode("not-a-cursor"));
    assertEquals(Optional.empty(), UploadRecords.Cursor.decode("MTox"));
  }

  @Test
  void aStateChangesOnlyFromTheStatesItMayComeFrom() throws Exception {
    cut.insert(issued(id(1), "alice", T0));

    boolean first =
        cut.transition(
            id(1), EnumSet.of(State.ISSUED), State.STORED, T0.plusSeconds(60), List.of());
    boolean second =
        cut.transition(
            id(1), EnumSet.of(State.ISSUED), State.REJECTED, T0.plusSeconds(61), List.of("x."));

    assertTrue(first);
    assertFalse(second, "a record is judged once");
    UploadRecord now = cut.find(id(1)).orElseThrow();
    assertEquals(State.STORED, now.state());
    assertEquals(T0.plusSeconds(60), now.updatedAt());
    assertEquals(
        List.of(id(1)), ids(cut.list("alice", State.STORED, null, 10)), "filtered by state");
  }

  @Test
  void looksAtTheObjectAreCounted() throws Exception {
    cut.insert(issued(id(1), "alice", T0));
    cut.insert(issued(id(2), "alice", T0));

    cut.counted(id(1));
    cut.counted(id(1));

    assertEquals(2, cut.checks(id(1)));
    assertEquals(0, cut.checks(id(2)));
  }

  @Test
  void problemsAreKeptSentenceBySentence() throws Exception {
    cut.insert(issued(id(1), "alice", T0));

    cut.transition(
        id(1), EnumSet.of(State.ISSUED), State.REJECTED, T0, List.of("One.", "Two, too."));

    assertEquals(List.of("One.", "Two, too."), cut.find(id(1)).orElseThrow().problems());
  }

  @Test
  void anExpiredRecordIsClaimedByOneSweeperAtATime() throws Exception {
    cut.insert(issued(id(1), "alice", T0));
    Instant later = T0.plusSeconds(700);

    assertEquals(
        List.of(id(1)), cut.expiredUnfinished(later, 10).stream().map(UploadRecord::id).toList());
    assertTrue(cut.claim(id(1), later, later.plusSeconds(60)));
    assertFalse(cut.claim(id(1), later, later.plusSeconds(60)), "another instance");
    assertEquals(List.of(), cut.expiredUnfinished(later.plusSeconds(30), 10), "while claimed");
    assertTrue(cut.claim(id(1), later.plusSeconds(61), later.plusSeconds(121)), "once it lapsed");
  }

  private static List<String> ids(UploadRecords.Page page) {
    return page.records().stream().map(UploadRecord::id).toList();
  }
}
