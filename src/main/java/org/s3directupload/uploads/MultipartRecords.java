package org.s3directupload.uploads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.s3directupload.signing.PartPlan;

/**
 * What a record uploaded in parts has besides the record itself: the store's id of the multipart
 * upload, how the file is cut, and how many part URLs have been signed for it (its own limit). One
 * row per such record, written in the record's transaction.
 */
final class MultipartRecords {

  static final String TABLE = "S3DU_MULTIPART";

  /**
   * One upload in parts.
   *
   * @param uploadId the store's multipart upload id: a handle to the upload, never shown to anyone
   *     but the owner's page through its part URLs
   */
  record Multipart(String id, String uploadId, PartPlan plan, int signedParts) {

    @Override
    public String toString() {
      return "Multipart[id=" + id + ", " + plan + ", signed " + signedParts + "]";
    }
  }

  private final DataSource dataSource;

  MultipartRecords(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Writes the row on {@code connection}, in whatever transaction it is in. */
  static void insert(Connection connection, String id, String uploadId, PartPlan plan)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (ID, UPLOAD_ID, PART_SIZE, PART_COUNT, SIGNED_PARTS) VALUES (?, ?, ?, ?, 0)")) {
      insert.setString(1, id);
      insert.setString(2, uploadId);
      insert.setLong(3, plan.partSize());
      insert.setInt(4, plan.partCount());
      insert.executeUpdate();
    }
  }

  /** The row of record {@code id}, given its declared size; empty when it was a single PUT. */
  Optional<Multipart> find(String id, long size) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT UPLOAD_ID, PART_SIZE, PART_COUNT, SIGNED_PARTS FROM "
                    + TABLE
                    + " WHERE ID = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Multipart(
                id,
                rows.getString(1),
                new PartPlan(size, rows.getLong(2), rows.getInt(3)),
                rows.getInt(4)));
      }
    }
  }

  /**
   * Counts {@code parts} more signed part URLs, unless that would pass {@code most}: one
   * conditional update, so instances signing at once never pass it together.
   *
   * @return whether they were counted
   */
  boolean countSigned(String id, int parts, int most) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE "
                    + TABLE
                    + " SET SIGNED_PARTS = SIGNED_PARTS + ? WHERE ID = ? AND SIGNED_PARTS + ? <= ?")) {
      connection.setAutoCommit(true);
      update.setInt(1, parts);
      update.setString(2, id);
      update.setInt(3, parts);
      update.setInt(4, most);
      return update.executeUpdate() == 1;
    }
  }
}
