package org.s3directupload.uploads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The records' tables, created and migrated at start: an ordered list of steps, each applied once
 * per database and recorded in {@value #HISTORY}, in portable SQL (H2, Derby, PostgreSQL). A step
 * that another instance applied at the same moment is recognised by its probe and recorded, not
 * applied twice. (A migration tool such as Flyway would bring Jackson into the WAR, where it can
 * clash with the servers' own, and scans the class path in ways application servers differ on; for
 * two tables this is the whole of what is needed.)
 */
final class Schema {

  static final String HISTORY = "S3DU_SCHEMA";
  static final String COMPONENT = "uploads";

  /** One step: what it changes, and a query that fails until it has been applied. */
  record Step(int version, List<String> statements, String probe) {}

  static final List<Step> STEPS =
      List.of(
          new Step(
              1,
              List.of(
                  "CREATE TABLE "
                      + UploadRecords.TABLE
                      + " (ID VARCHAR(36) NOT NULL PRIMARY KEY, PERSON VARCHAR(1024) NOT NULL,"
                      + " OBJECT_KEY VARCHAR(1024) NOT NULL, FILENAME VARCHAR(1024) NOT NULL,"
                      + " CONTENT_TYPE VARCHAR(255) NOT NULL, BYTES BIGINT NOT NULL,"
                      + " CHECKSUM_SHA256 VARCHAR(44), SIGNATURE_VERSION VARCHAR(2) NOT NULL,"
                      + " ENCRYPTION VARCHAR(32) NOT NULL, KMS_KEY_ID VARCHAR(2048),"
                      + " ISSUED_AT BIGINT NOT NULL, EXPIRES_AT BIGINT NOT NULL,"
                      + " STATE VARCHAR(16) NOT NULL, UPDATED_AT BIGINT NOT NULL,"
                      + " PROBLEMS VARCHAR(4000), CLAIMED_UNTIL BIGINT,"
                      + " CHECKS INTEGER DEFAULT 0 NOT NULL)",
                  "CREATE INDEX S3DU_UPLOADS_BY_PERSON ON "
                      + UploadRecords.TABLE
                      + " (PERSON, ISSUED_AT)",
                  "CREATE INDEX S3DU_UPLOADS_BY_STATE ON "
                      + UploadRecords.TABLE
                      + " (STATE, EXPIRES_AT)"),
              "SELECT COUNT(*) FROM " + UploadRecords.TABLE + " WHERE 1 = 0"),
          new Step(
              2,
              List.of(
                  "CREATE TABLE "
                      + MultipartRecords.TABLE
                      + " (ID VARCHAR(36) NOT NULL PRIMARY KEY, UPLOAD_ID VARCHAR(1024) NOT NULL,"
                      + " PART_SIZE BIGINT NOT NULL, PART_COUNT INTEGER NOT NULL,"
                      + " SIGNED_PARTS INTEGER DEFAULT 0 NOT NULL)"),
              "SELECT COUNT(*) FROM " + MultipartRecords.TABLE + " WHERE 1 = 0"));

  private Schema() {}

  /** Applies the steps this database has not had yet. */
  static void migrate(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    createHistory(connection);
    for (Step step : STEPS) {
      if (applied(connection, step.version())) {
        continue;
      }
      if (!probes(connection, step.probe())) {
        try (Statement statement = connection.createStatement()) {
          for (String sql : step.statements()) {
            statement.executeUpdate(sql);
          }
        } catch (SQLException e) {
          if (!probes(connection, step.probe())) { // else another instance was quicker
            throw e;
          }
        }
      }
      record(connection, step.version());
    }
  }

  private static void createHistory(Connection connection) throws SQLException {
    String probe = "SELECT COUNT(*) FROM " + HISTORY + " WHERE 1 = 0";
    if (probes(connection, probe)) {
      return;
    }
    try (Statement create = connection.createStatement()) {
      create.executeUpdate(
          "CREATE TABLE "
              + HISTORY
              + " (COMPONENT VARCHAR(64) NOT NULL, VERSION INTEGER NOT NULL,"
              + " APPLIED_AT BIGINT NOT NULL, PRIMARY KEY (COMPONENT, VERSION))");
    } catch (SQLException e) {
      if (!probes(connection, probe)) {
        throw e;
      }
    }
  }

  private static boolean applied(Connection connection, int version) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT VERSION FROM " + HISTORY + " WHERE COMPONENT = ? AND VERSION = ?")) {
      select.setString(1, COMPONENT);
      select.setInt(2, version);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void record(Connection connection, int version) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + HISTORY + " (COMPONENT, VERSION, APPLIED_AT) VALUES (?, ?, ?)")) {
      insert.setString(1, COMPONENT);
      insert.setInt(2, version);
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!applied(connection, version)) { // else another instance recorded it
        throw e;
      }
    }
  }

  private static boolean probes(Connection connection, String probe) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(probe)) {
      return rows.next();
    } catch (SQLException e) {
      return false;
    }
  }
}
