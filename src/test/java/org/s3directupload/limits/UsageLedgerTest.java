package org.s3directupload.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.s3directupload.testing.MovableClock;

/** The ledger on a real SQL database (H2 in memory), with a clock the test moves. */
class UsageLedgerTest {

  private static final Instant NOON = Instant.parse("2026-11-30T12:00:10Z");

  private final MovableClock clock = new MovableClock(NOON);

  private JdbcDataSource database;

  @BeforeEach
  void freshDatabase() {
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  private UsageLedger ledger(long tickets, long bytes) {
    UsageLedger ledger =
        new UsageLedger(
            database,
            new LimitSettings(
                tickets, Duration.ofMinutes(1), bytes, Duration.ofDays(1), "jdbc/test"),
            clock);
    ledger.prepare();
    return ledger;
  }

  @Test
  void ticketsPerWindowThen429UntilTheWindowEnds() {
    UsageLedger ledger = ledger(3, 1_000_000);
    for (int i = 0; i < 3; i++) {
      ledger.reserve("alice", 10);
    }

    LimitExceeded e = assertThrows(LimitExceeded.class, () -> ledger.reserve("alice", 10));

    assertEquals(50, e.retryAfterSeconds(), "the minute started at 12:00:00");
    assertTrue(e.getMessage().contains("3 uploads within 1 minute"), e.getMessage());
    ledger.reserve("bob", 10); // another person is not affected
    clock.set(NOON.plusSeconds(50));
    ledger.reserve("alice", 10); // a new window
  }

  @Test
  void declaredBytesPerDayAndARefusedTicketCountsNothing() {
    UsageLedger ledger = ledger(100, 1_000);
    ledger.reserve("alice", 600);

    LimitExceeded e = assertThrows(LimitExceeded.class, () -> ledger.reserve("alice", 500));

    assertEquals(Duration.ofHours(12).minusSeconds(10).getSeconds(), e.retryAfterSeconds());
    ledger.reserve("alice", 400); // the refused 500 was not counted, nor its ticket
    assertEquals(2, amount("alice", "tickets"));
    assertEquals(1_000, amount("alice", "bytes"));
  }

  @Test
  void aSecondPreparationKeepsTheTableAndItsCounts() {
    ledger(2, 100).reserve("alice", 1);

    UsageLedger again = ledger(2, 100);

    again.reserve("alice", 1);
    assertEquals(2, amount("alice", "tickets"), "the first count survived the second prepare");
    assertThrows(LimitExceeded.class, () -> again.reserve("alice", 1));
  }

  @Test
  void twoInstancesSharingTheDatabaseNeverCountPastTheLimit() throws Exception {
    UsageLedger first = ledger(25, 1_000_000);
    UsageLedger second = ledger(25, 1_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      UsageLedger instance = i % 2 == 0 ? first : second;
      attempts.add(
          () -> {
            try {
              instance.reserve("alice", 1);
              return true;
            } catch (LimitExceeded e) {
              return false;
            }
          });
    }
    int granted = 0;
    for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
      granted += attempt.get() ? 1 : 0;
    }
    pool.shutdown();

    assertEquals(25, granted);
    assertEquals(25, amount("alice", "tickets"));
  }

  @Test
  void requestsThatOpenAWindowTogetherAreAllCountedNotRefused() throws Exception {
    for (int round = 0; round < 20; round++) {
      clock.set(NOON.plusSeconds(60L * (round + 1)));
      UsageLedger ledger = ledger(8, 1_000_000);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Callable<Boolean>> first = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        first.add(
            () -> {
              ledger.reserve("bob", 1);
              return true;
            });
      }
      for (Future<Boolean> request : pool.invokeAll(first)) {
        assertTrue(request.get(), "a request within the limit was refused in round " + round);
      }
      pool.shutdown();
    }
  }

  @Test
  void anUnreachableDatabaseIsUnavailableNotExceeded() {
    JdbcDataSource gone = new JdbcDataSource();
    gone.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing");
    UsageLedger ledger =
        new UsageLedger(
            gone,
            new LimitSettings(1, Duration.ofMinutes(1), 1, Duration.ofDays(1), "jdbc/gone"),
            clock);

    LimitsUnavailable e = assertThrows(LimitsUnavailable.class, () -> ledger.reserve("alice", 1));
    assertTrue(e.getMessage().contains("jdbc/gone"), e.getMessage());
  }

  @Test
  void windowsAreAlignedToTheEpoch() {
    assertEquals(
        Instant.parse("2026-11-30T00:00:00Z").getEpochSecond(),
        Windows.startOf(NOON, Duration.ofDays(1)));
    assertEquals(Duration.ofSeconds(50), Windows.remaining(NOON, Duration.ofMinutes(1)));
  }

  private long amount(String person, String kind) {
    try (Connection connection = database.getConnection();
        Statement select = connection.createStatement();
        ResultSet rows =
            select.executeQuery(
                "SELECT SUM(AMOUNT) FROM "
                    + UsageLedger.TABLE
                    + " WHERE PERSON = '"
                    + person
                    + "' AND KIND = '"
                    + kind
                    + "'")) {
      rows.next();
      return rows.getLong(1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
