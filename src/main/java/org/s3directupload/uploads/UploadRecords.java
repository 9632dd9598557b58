package org.s3directupload.uploads;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.s3directupload.limits.UsageLedger;
import org.s3directupload.uploads.UploadRecord.State;

/**
 * The records in one table of a database every instance shares, with plain JDBC and portable SQL
 * (H2, Derby, PostgreSQL): Jakarta Persistence would tie the records to a data source named at
 * build time in persistence.xml, which no server lets an operator change portably. Every change of
 * state is a conditional {@code UPDATE} from the states it may come from, so two instances (or the
 * page and the sweeper) never both make the same change.
 */
final class UploadRecords {

  static final String TABLE = "S3DU_UPLOADS";

  private static final String COLUMNS =
      "ID, PERSON, OBJECT_KEY, FILENAME, CONTENT_TYPE, BYTES, CHECKSUM_SHA256, SIGNATURE_VERSION,"
          + " ENCRYPTION, KMS_KEY_ID, ISSUED_AT, EXPIRES_AT, STATE, UPDATED_AT, PROBLEMS";

  private final DataSource dataSource;

  UploadRecords(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates or migrates the table. */
  void prepare() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      Schema.migrate(connection);
    }
  }

  /** Writes a new record on {@code connection}, in whatever transaction it is in. */
  static void insert(Connection connection, UploadRecord record) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " ("
                + COLUMNS
                + ", CHECKS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
      insert.setString(1, record.id());
      insert.setString(2, record.person());
      insert.setString(3, record.key());
      insert.setString(4, record.filename());
      insert.setString(5, record.contentType());
      insert.setLong(6, record.size());
      setOptional(insert, 7, record.checksumSha256());
      insert.setString(8, record.signatureVersion());
      insert.setString(9, record.encryption());
      setOptional(insert, 10, record.kmsKeyId());
      insert.setLong(11, record.issuedAt().toEpochMilli());
      insert.setLong(12, record.expiresAt().toEpochMilli());
      insert.setString(13, record.state().code());
      insert.setLong(14, record.updatedAt().toEpochMilli());
      setOptional(insert, 15, problems(record.problems()));
      insert.executeUpdate();
    }
  }

  /** Writes a new record in a transaction of its own. */
  void insert(UploadRecord record) throws SQLException {
    insert(connection -> insert(connection, record));
  }

  /** Runs {@code write} in a transaction of its own: all of it or nothing. */
  void insert(UsageLedger.InTransaction write) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        write.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  Optional<UploadRecord> find(String id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE ID = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  /**
   * A page of records, newest first.
   *
   * @param person only this person's; null for everyone's
   * @param state only in this state; null for any
   * @param after the cursor of the previous page's last record; null for the first page
   * @param limit how many at most
   */
  Page list(String person, State state, Cursor after, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE 1 = 1");
    List<Object> arguments = new ArrayList<>();
    if (person != null) {
      sql.append(" AND PERSON = ?");
      arguments.add(person);
    }
    if (state != null) {
      sql.append(" AND STATE = ?");
      arguments.add(state.code());
    }
    if (after != null) {
      sql.append(" AND (ISSUED_AT < ? OR (ISSUED_AT = ? AND ID < ?))");
      arguments.addAll(List.of(after.issuedAt(), after.issuedAt(), after.id()));
    }
    sql.append(" ORDER BY ISSUED_AT DESC, ID DESC");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < arguments.size(); i++) {
        select.setObject(i + 1, arguments.get(i));
      }
      select.setMaxRows(limit + 1);
      List<UploadRecord> records = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          records.add(read(rows));
        }
      }
      if (records.size() <= limit) {
        return new Page(records, Optional.empty());
      }
      UploadRecord last = records.get(limit - 1);
      return new Page(
          records.subList(0, limit),
          Optional.of(new Cursor(last.issuedAt().toEpochMilli(), last.id())));
    }
  }

  /**
   * Moves a record to {@code next} when it is in one of {@code from}: true when this caller made
   * the change (and so, for a verification, is the one that verified it).
   */
  boolean transition(String id, Set<State> from, State next, Instant at, List<String> problems)
      throws SQLException {
    String states = from.stream().map(s -> "?").collect(Collectors.joining(", "));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE "
                    + TABLE
                    + " SET STATE = ?, UPDATED_AT = ?, PROBLEMS = ?"
                    + " WHERE ID = ? AND STATE IN ("
                    + states
                    + ")")) {
      connection.setAutoCommit(true);
      update.setString(1, next.code());
      update.setLong(2, at.toEpochMilli());
      setOptional(update, 3, problems(problems));
      update.setString(4, id);
      int i = 5;
      for (State state : from) {
        update.setString(i++, state.code());
      }
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Writes the stored size into a record whose size was not declared (a form sent without
   * JavaScript); a declared size is never changed.
   */
  void storedSize(String id, long size) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE " + TABLE + " SET BYTES = ? WHERE ID = ? AND BYTES < 0")) {
      connection.setAutoCommit(true);
      update.setLong(1, size);
      update.setString(2, id);
      update.executeUpdate();
    }
  }

  /**
   * Issued records whose ticket expired before {@code now}, oldest first, at most {@code limit}.
   */
  List<UploadRecord> expiredUnfinished(Instant now, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM "
                    + TABLE
                    + " WHERE STATE = ? AND EXPIRES_AT < ? AND (CLAIMED_UNTIL IS NULL OR"
                    + " CLAIMED_UNTIL < ?) ORDER BY EXPIRES_AT")) {
      select.setString(1, State.ISSUED.code());
      select.setLong(2, now.toEpochMilli());
      select.setLong(3, now.toEpochMilli());
      select.setMaxRows(limit);
      List<UploadRecord> records = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          records.add(read(rows));
        }
      }
      return records;
    }
  }

  /**
   * Claims an issued record for one sweeper until {@code until}: true for exactly one of several
   * instances asking at once.
   */
  boolean claim(String id, Instant now, Instant until) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE "
                    + TABLE
                    + " SET CLAIMED_UNTIL = ? WHERE ID = ? AND STATE = ? AND (CLAIMED_UNTIL IS"
                    + " NULL OR CLAIMED_UNTIL < ?)")) {
      connection.setAutoCommit(true);
      update.setLong(1, until.toEpochMilli());
      update.setString(2, id);
      update.setString(3, State.ISSUED.code());
      update.setLong(4, now.toEpochMilli());
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Counts one look at the record's object, before it is taken: the audit of "each record is
   * checked once", however many instances sweep.
   */
  void counted(String id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE " + TABLE + " SET CHECKS = CHECKS + 1 WHERE ID = ?")) {
      connection.setAutoCommit(true);
      update.setString(1, id);
      update.executeUpdate();
    }
  }

  /** How many times the record's object has been looked at. */
  int checks(String id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT CHECKS FROM " + TABLE + " WHERE ID = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }
  }

  private static UploadRecord read(ResultSet rows) throws SQLException {
    String problems = rows.getString("PROBLEMS");
    return new UploadRecord(
        rows.getString("ID"),
        rows.getString("PERSON"),
        rows.getString("OBJECT_KEY"),
        rows.getString("FILENAME"),
        rows.getString("CONTENT_TYPE"),
        rows.getLong("BYTES"),
        Optional.ofNullable(rows.getString("CHECKSUM_SHA256")),
        rows.getString("SIGNATURE_VERSION"),
        rows.getString("ENCRYPTION"),
        Optional.ofNullable(rows.getString("KMS_KEY_ID")),
        Instant.ofEpochMilli(rows.getLong("ISSUED_AT")),
        Instant.ofEpochMilli(rows.getLong("EXPIRES_AT")),
        State.of(rows.getString("STATE")).orElseThrow(),
        Instant.ofEpochMilli(rows.getLong("UPDATED_AT")),
        problems == null || problems.isEmpty() ? List.of() : Arrays.asList(problems.split("\n")));
  }

  private static Optional<String> problems(List<String> problems) {
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
  }

  private static void setOptional(PreparedStatement statement, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setString(index, value.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  /** Where a listing goes on: after the record issued at {@code issuedAt} with {@code id}. */
  record Cursor(long issuedAt, String id) {

    /** As the API passes it: opaque, URL-safe. */
    String encoded() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((issuedAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor the API handed out; empty for anything else. */
    static Optional<Cursor> decode(String encoded) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        String id = text.substring(colon + 1);
        if (colon <= 0 || !id.matches("[0-9a-f-]{36}")) {
          return Optional.empty();
        }
        return Optional.of(new Cursor(Long.parseLong(text.substring(0, colon)), id));
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        return Optional.empty();
      }
    }
  }

  /** One page of a listing, and where the next begins. */
  record Page(List<UploadRecord> records, Optional<Cursor> next) {}
}
