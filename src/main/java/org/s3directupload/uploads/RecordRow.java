package org.s3directupload.uploads;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.s3directupload.uploads.UploadRecord.State;
import org.s3directupload.words.ByteSizes;

/**
 * One upload as a row of the listing pages: the record and what people read of it.
 *
 * @param record the record
 */
public record RecordRow(UploadRecord record) {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public String getId() {
    return record.id();
  }

  public String getFilename() {
    return record.filename();
  }

  public String getPerson() {
    return record.person();
  }

  public String getState() {
    return record.state().code();
  }

  public String getSize() {
    return record.size() == UploadRecord.SIZE_NOT_DECLARED
        ? "not known yet"
        : ByteSizes.rounded(record.size());
  }

  public String getIssued() {
    return WHEN.format(record.issuedAt());
  }

  public String getKey() {
    return record.key();
  }

  /** The problems the check found, in one paragraph; empty when none. */
  public String getProblems() {
    return String.join(" ", record.problems());
  }

  /** Whether the file can be downloaded: it is stored and verified. */
  public boolean isDownloadable() {
    return record.state() == State.STORED;
  }

  /** Whether there is anything left to delete. */
  public boolean isDeletable() {
    return record.state() != State.DELETED;
  }
}
