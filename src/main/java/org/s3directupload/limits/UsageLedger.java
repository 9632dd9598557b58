package org.s3directupload.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.s3directupload.words.ByteSizes;
import org.s3directupload.words.Durations;

/**
 * Counts each person's tickets and declared bytes per window in one table of a shared database,
 * with plain JDBC and portable SQL (H2, Derby, PostgreSQL, ...), no savepoints. Counting is a
 * conditional {@code UPDATE} ({@code amount + n <= limit}) of both rows in one transaction; a
 * window's rows are first inserted at zero. So instances that share the database never count past a
 * limit between them.
 */
public final class UsageLedger {

  static final String TABLE = "S3DU_USAGE";

  /** What a row counts; its name is the row's KIND. */
  private enum Kind {
    TICKETS,
    BYTES;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final DataSource dataSource;
  private final LimitSettings limits;
  private final Clock clock;
  private final AtomicLong lastCleanup = new AtomicLong();

  public UsageLedger(DataSource dataSource, LimitSettings limits, Clock clock) {
    this.dataSource = dataSource;
    this.limits = limits;
    this.clock = clock;
  }

  /** Creates the table unless it is there. */
  public void prepare() {
    try (Connection connection = dataSource.getConnection()) {
      if (tableExists(connection)) {
        return;
      }
      try (Statement create = connection.createStatement()) {
        create.executeUpdate(
            "CREATE TABLE "
                + TABLE
                + " (PERSON VARCHAR(200) NOT NULL, KIND VARCHAR(16) NOT NULL,"
                + " WINDOW_START BIGINT NOT NULL, AMOUNT BIGINT NOT NULL,"
                + " PRIMARY KEY (PERSON, KIND, WINDOW_START))");
      } catch (SQLException e) {
        if (!tableExists(connection)) { // else another instance was quicker
          throw e;
        }
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static boolean tableExists(Connection connection) {
    try (Statement probe = connection.createStatement();
        ResultSet rows = probe.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE 1 = 0")) {
      return rows.next();
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Counts one ticket of {@code bytes} for {@code person}, or nothing at all when either limit
   * would be passed.
   *
   * @param person the person's key segment: short, and one per person
   * @throws LimitExceeded when a limit is used up, saying which and until when
   * @throws LimitsUnavailable when the database cannot be used
   */
  public void reserve(String person, long bytes) {
    reserve(person, bytes, connection -> {});
  }

  /**
   * Work done in the transaction that counts a ticket: it commits with the count, or not at all.
   */
  @FunctionalInterface
  public interface InTransaction {
    void run(Connection connection) throws SQLException;
  }

  /**
   * As {@link #reserve(String, long)}, doing {@code alsoThen} in the same transaction, after the
   * counts and before the commit: what it writes exists exactly when the ticket was counted.
   */
  public void reserve(String person, long bytes, InTransaction alsoThen) {
    Instant now = clock.instant();
    long ticketsWindow = Windows.startOf(now, limits.ticketsWindow());
    long bytesWindow = Windows.startOf(now, limits.bytesWindow());
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try {
        Kind full = countBoth(connection, person, ticketsWindow, bytes, bytesWindow, alsoThen);
        if (full != null) {
          // a window's first requests find no row to count in: make the rows (or find that a
          // request beside this one just made them), then count once more
          createRows(connection, person, ticketsWindow, bytesWindow);
          full = countBoth(connection, person, ticketsWindow, bytes, bytesWindow, alsoThen);
        }
        if (full != null) {
          throw full == Kind.TICKETS ? ticketsExceeded(now) : bytesExceeded(now);
        }
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
    cleanUpNowAndThen(now);
  }

  /**
   * Adds one ticket and {@code bytes} in one transaction, or nothing.
   *
   * @return null when both fit, else the kind that did not (or whose row is missing)
   */
  private Kind countBoth(
      Connection connection,
      String person,
      long ticketsWindow,
      long bytes,
      long bytesWindow,
      InTransaction alsoThen)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      if (!add(connection, person, Kind.TICKETS, ticketsWindow, 1, limits.tickets())) {
        connection.rollback();
        return Kind.TICKETS;
      }
      if (!add(connection, person, Kind.BYTES, bytesWindow, bytes, limits.bytes())) {
        connection.rollback();
        return Kind.BYTES;
      }
      alsoThen.run(connection);
      connection.commit();
      return null;
    } catch (SQLException | RuntimeException e) {
      safeRollback(connection);
      throw e;
    }
  }

  /** Adds {@code amount} to the window's row unless that passes {@code limit}. */
  private static boolean add(
      Connection connection, String person, Kind kind, long start, long amount, long limit)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE "
                + TABLE
                + " SET AMOUNT = AMOUNT + ? WHERE PERSON = ? AND KIND = ? AND WINDOW_START = ?"
                + " AND AMOUNT + ? <= ?")) {
      update.setLong(1, amount);
      update.setString(2, person);
      update.setString(3, kind.code());
      update.setLong(4, start);
      update.setLong(5, amount);
      update.setLong(6, limit);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Inserts the windows' rows at zero where they are missing, each on its own (another request may
   * insert the same row at the same moment; then its insert wins and ours fails harmlessly).
   */
  private static void createRows(
      Connection connection, String person, long ticketsWindow, long bytesWindow)
      throws SQLException {
    connection.setAutoCommit(true);
    for (Kind kind : Kind.values()) {
      long start = kind == Kind.TICKETS ? ticketsWindow : bytesWindow;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + TABLE
                  + " (PERSON, KIND, WINDOW_START, AMOUNT) VALUES (?, ?, ?, 0)")) {
        insert.setString(1, person);
        insert.setString(2, kind.code());
        insert.setLong(3, start);
        insert.executeUpdate();
      } catch (SQLException e) {
        if (!rowExists(connection, person, kind, start)) {
          throw e;
        }
      }
    }
  }

  private LimitExceeded ticketsExceeded(Instant now) {
    return new LimitExceeded(
        "You have asked for "
            + limits.tickets()
            + " uploads within "
            + Durations.describe(limits.ticketsWindow())
            + ", the most allowed.",
        Windows.remaining(now, limits.ticketsWindow()));
  }

  private LimitExceeded bytesExceeded(Instant now) {
    return new LimitExceeded(
        "This file would take you past "
            + ByteSizes.describe(limits.bytes())
            + " within "
            + Durations.describe(limits.bytesWindow())
            + ", the most one person may upload.",
        Windows.remaining(now, limits.bytesWindow()));
  }

  private static boolean rowExists(Connection connection, String person, Kind kind, long start)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT AMOUNT FROM "
                + TABLE
                + " WHERE PERSON = ? AND KIND = ? AND WINDOW_START = ?")) {
      select.setString(1, person);
      select.setString(2, kind.code());
      select.setLong(3, start);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** Deletes the rows of windows that have ended, at most once a minute per instance. */
  private void cleanUpNowAndThen(Instant now) {
    long previous = lastCleanup.get();
    if (now.getEpochSecond() - previous < 60
        || !lastCleanup.compareAndSet(previous, now.getEpochSecond())) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM "
                    + TABLE
                    + " WHERE (KIND = ? AND WINDOW_START < ?) OR (KIND = ? AND WINDOW_START < ?)")) {
      delete.setString(1, Kind.TICKETS.code());
      delete.setLong(2, Windows.startOf(now, limits.ticketsWindow()));
      delete.setString(3, Kind.BYTES.code());
      delete.setLong(4, Windows.startOf(now, limits.bytesWindow()));
      delete.executeUpdate();
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      // the next ticket tries again; old rows only take room
    }
  }

  private static void safeRollback(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is going back to the pool either way
    }
  }

  private LimitsUnavailable unavailable(SQLException e) {
    return new LimitsUnavailable(
        "The database that keeps the upload limits ("
            + limits.dataSource()
            + ") cannot be used: "
            + e.getMessage(),
        e);
  }
}
