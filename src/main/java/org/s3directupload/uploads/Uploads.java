package org.s3directupload.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.SettingReader;
import org.s3directupload.errors.ErrorCode;
import org.s3directupload.limits.LimitSettings;
import org.s3directupload.limits.UploadLimits;
import org.s3directupload.limits.UsageLedger;
import org.s3directupload.signing.AcceptedUpload;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketHeaders;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadRefusal;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.signing.UploadTicket;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.storage.StoreTimeouts;
import org.s3directupload.uploads.UploadRecord.State;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Every upload from its ticket to its verified object: a record written with the ticket (in the
 * limits' transaction when both share a database), the check of the stored object against the
 * record, and what its owner may do with it afterwards. Nothing here trusts the browser: the check
 * asks the store.
 */
@ApplicationScoped
public class Uploads {

  private static final Logger LOG = Logger.getLogger(Uploads.class.getName());

  /** States a record may leave for a verdict on its object. */
  private static final Set<State> OPEN = EnumSet.of(State.ISSUED);

  @Inject TicketIssuer issuer;
  @Inject UploadLimits limits;
  @Inject SigningSettings signing;
  @Inject LimitSettings limitSettings;
  @Inject RecordSettings settings;
  @Inject S3Client s3;
  @Inject S3Presigner presigner;
  @Inject Event<UploadStored> storedEvent;

  Clock clock = Clock.systemUTC();

  private volatile UploadRecords records;
  private volatile MultipartRecords multipart;
  private volatile boolean prepared;
  private boolean sameDatabase;

  /** The records' settings, read once per application. */
  @Produces
  @Singleton
  static RecordSettings settings(SettingReader reader) {
    return reader.read(RecordSettings::read);
  }

  void startUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
    String name = settings.dataSource().orElse(limitSettings.dataSource());
    DataSource dataSource;
    try {
      dataSource = InitialContext.doLookup(name);
    } catch (NamingException | ClassCastException e) {
      String problem =
          "names no data source this server knows ('" + name + "'). Name one the server has.";
      LOG.severe("Invalid configuration: " + RecordSettings.Key.DATA_SOURCE.key() + " " + problem);
      throw new InvalidSettingException(RecordSettings.Key.DATA_SOURCE, problem);
    }
    open(dataSource, name.equals(limitSettings.dataSource()));
  }

  /**
   * Keeps the records in {@code dataSource}, and prepares its table if it can yet.
   *
   * @param shared whether the limits use the same database, so a ticket's record and its count are
   *     written in one transaction
   */
  void open(DataSource dataSource, boolean shared) {
    sameDatabase = shared;
    records = new UploadRecords(dataSource);
    multipart = new MultipartRecords(dataSource);
    prepare();
  }

  private void prepare() {
    try {
      records.prepare();
      prepared = true;
    } catch (SQLException e) {
      LOG.warning("The uploads' records cannot be prepared yet: " + e.getMessage());
    }
  }

  private UploadRecords records() {
    if (!prepared) {
      prepare();
    }
    return records;
  }

  /**
   * A ticket for {@code person}'s upload, and its record: both or neither.
   *
   * @throws org.s3directupload.signing.UploadRefusal when the request may not be uploaded
   * @throws org.s3directupload.limits.LimitExceeded when a limit is used up
   */
  public UploadTicket issue(String person, UploadRequest request) {
    AcceptedUpload upload = issuer.accept(request); // a refused request counts against no limit
    UploadTicket ticket = issuer.issue(person, upload);
    UploadRecord record =
        issuedRecord(
            ticket.id(),
            person,
            ticket.key(),
            upload,
            upload.size(),
            upload.checksumSha256(),
            clock.instant(),
            ticket.expiresAt());
    reserveAndRecord(person, upload.size(), record);
    return ticket;
  }

  /**
   * A form for {@code person}'s upload of one file of {@code contentType} without JavaScript, and
   * its record: both or neither. Its size is not known, so it counts as the largest allowed file
   * against the person's byte limit, and its record says {@link UploadRecord#SIZE_NOT_DECLARED}
   * until the object is checked.
   *
   * @param redirectFor where the store sends the browser back to, given the upload's id
   */
  public UploadTicket issueForm(
      String person, String contentType, UnaryOperator<String> redirectFor) {
    AcceptedUpload upload = issuer.acceptForm(contentType);
    UploadTicket ticket = issuer.issueForm(person, upload, redirectFor);
    UploadRecord record =
        issuedRecord(
            ticket.id(),
            person,
            ticket.key(),
            upload,
            UploadRecord.SIZE_NOT_DECLARED,
            Optional.empty(),
            clock.instant(),
            ticket.expiresAt());
    reserveAndRecord(person, signing.maxSize(), record);
    return ticket;
  }

  /** A new record in state {@code issued}, as a ticket for {@code upload} is issued. */
  UploadRecord issuedRecord(
      String id,
      String person,
      String key,
      AcceptedUpload upload,
      long size,
      Optional<String> checksumSha256,
      Instant now,
      Instant expiresAt) {
    return new UploadRecord(
        id,
        person,
        key,
        upload.displayName(),
        upload.contentType(),
        size,
        checksumSha256,
        signing.signatureVersion().code(),
        signing.store().sse().headerValue(),
        signing.store().sseKmsKeyId(),
        now,
        expiresAt,
        State.ISSUED,
        now,
        List.of());
  }

  private void reserveAndRecord(String person, long bytes, UploadRecord record) {
    reserveAndRecord(person, bytes, record, connection -> {});
  }

  /**
   * Counts {@code bytes} against the person's limits and writes the record, and what {@code also}
   * writes with it: all or nothing (one transaction when the limits share the records' database).
   */
  void reserveAndRecord(
      String person, long bytes, UploadRecord record, UsageLedger.InTransaction also) {
    UploadRecords store = records();
    UsageLedger.InTransaction write =
        connection -> {
          UploadRecords.insert(connection, record);
          also.run(connection);
        };
    if (sameDatabase) {
      limits.reserve(person, bytes, write);
    } else {
      limits.reserve(person, bytes);
      try {
        store.insert(write);
      } catch (SQLException e) {
        throw unavailable(e);
      }
    }
  }

  /** One of {@code person}'s records. */
  public UploadRecord get(String person, String id) {
    try {
      return records()
          .find(id)
          .filter(record -> record.person().equals(person))
          .orElseThrow(UploadNotFound::new);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /**
   * Checks the stored object of {@code person}'s upload and answers its record; an upload already
   * judged is answered as it is.
   *
   * @throws UploadConflict when nothing has reached the storage yet
   */
  public UploadRecord complete(String person, String id) {
    UploadRecord record = get(person, id);
    if (record.state() != State.ISSUED) {
      return record;
    }
    Optional<UploadRecord> judged = verify(record);
    if (judged.isEmpty()) {
      throw new UploadConflict(
          ErrorCode.NOT_UPLOADED,
          "Nothing has reached the storage for this upload yet: send the file with its ticket"
              + " first.");
    }
    return judged.get();
  }

  /**
   * Compares the stored object with the record and records the verdict: {@code stored}, or {@code
   * rejected} with the object deleted.
   *
   * @return the record as it now stands; empty when there is no object
   */
  Optional<UploadRecord> verify(UploadRecord record) {
    try {
      records().counted(record.id());
    } catch (SQLException e) {
      throw unavailable(e);
    }
    HeadObjectResponse head;
    try {
      head =
          s3.headObject(
              b ->
                  b.bucket(signing.store().bucket())
                      .key(record.key())
                      .checksumMode(ChecksumMode.ENABLED));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw storageUnavailable(e);
    } catch (SdkException e) {
      throw storageUnavailable(e);
    }
    List<String> problems = StoredObjectCheck.problems(record, head);
    Instant now = clock.instant();
    if (!problems.isEmpty()) {
      deleteObject(record, head.versionId());
    }
    State verdict = problems.isEmpty() ? State.STORED : State.REJECTED;
    if (verdict == State.STORED && record.size() == UploadRecord.SIZE_NOT_DECLARED) {
      try {
        records().storedSize(record.id(), head.contentLength());
      } catch (SQLException e) {
        throw unavailable(e);
      }
    }
    boolean ours = transition(record.id(), OPEN, verdict, now, problems);
    UploadRecord current = reread(record.id());
    if (ours && verdict == State.STORED) {
      storedEvent.fire(new UploadStored(current));
    }
    return Optional.of(current);
  }

  /** A page of {@code person}'s records (all people's when null), newest first. */
  public UploadRecords.Page list(String person, State state, String cursor, int limit) {
    UploadRecords.Cursor after = null;
    if (cursor != null) {
      after =
          UploadRecords.Cursor.decode(cursor)
              .orElseThrow(
                  () ->
                      new UploadRefusal(
                          UploadRefusal.Reason.INVALID_REQUEST,
                          "The cursor is not one this application handed out: start from the"
                              + " first page."));
    }
    try {
      return records().list(person, state, after, limit);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /**
   * A short-lived link that downloads {@code person}'s stored upload as an attachment with its own
   * name.
   *
   * @throws UploadConflict when the upload is not stored
   */
  public URI download(String person, String id) {
    UploadRecord record = get(person, id);
    if (record.state() != State.STORED) {
      throw new UploadConflict(
          ErrorCode.NOT_STORED,
          "This upload is "
              + record.state().code()
              + ", not stored, so there is nothing to download.");
    }
    try {
      return presigner
          .presignGetObject(
              b ->
                  b.signatureDuration(settings.downloadLifetime())
                      .getObjectRequest(
                          g ->
                              g.bucket(signing.store().bucket())
                                  .key(record.key())
                                  .responseContentType(record.contentType())
                                  .responseContentDisposition(
                                      TicketHeaders.contentDisposition(record.filename()))))
          .url()
          .toURI();
    } catch (URISyntaxException e) {
      // no cause chained: its message would be the presigned URL, a credential
      throw new IllegalStateException("The SDK produced an unparsable download URL");
    }
  }

  /** Deletes {@code person}'s upload: the object, and the record becomes {@code deleted}. */
  public UploadRecord delete(String person, String id) {
    UploadRecord record = get(person, id);
    if (record.state() == State.DELETED) {
      return record;
    }
    if (record.state() == State.ISSUED) {
      inParts(record).ifPresent(this::abort);
    }
    try {
      s3.deleteObject(b -> b.bucket(signing.store().bucket()).key(record.key()));
    } catch (SdkException e) {
      throw storageUnavailable(e);
    }
    transition(
        record.id(),
        EnumSet.complementOf(EnumSet.of(State.DELETED)),
        State.DELETED,
        clock.instant(),
        record.problems());
    return reread(record.id());
  }

  /** The parts of a record uploaded in parts; empty for a single PUT. */
  Optional<MultipartRecords.Multipart> inParts(UploadRecord record) {
    try {
      records(); // prepared
      return multipart.find(record.id(), record.size());
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Counts part URLs signed for an upload in parts, unless that would pass {@code most}. */
  boolean countSignedParts(String id, int parts, int most) {
    try {
      return multipart.countSigned(id, parts, most);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /**
   * Aborts an unfinished multipart upload in the store, which drops its parts; one the store no
   * longer has is already gone.
   */
  void abort(MultipartRecords.Multipart parts) {
    UploadRecord record = reread(parts.id());
    try {
      s3.abortMultipartUpload(
          b -> b.bucket(signing.store().bucket()).key(record.key()).uploadId(parts.uploadId()));
    } catch (NoSuchUploadException e) {
      // completed or aborted already
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw storageUnavailable(e);
      }
    } catch (SdkException e) {
      throw storageUnavailable(e);
    }
  }

  /** The sweeper's access to the records. */
  UploadRecords sweepable() {
    return records();
  }

  boolean transition(String id, Set<State> from, State next, Instant at, List<String> problems) {
    try {
      return records().transition(id, from, next, at, problems);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private UploadRecord reread(String id) {
    try {
      return records().find(id).orElseThrow(UploadNotFound::new);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private void deleteObject(UploadRecord record, String versionId) {
    try {
      s3.deleteObject(
          b -> b.bucket(signing.store().bucket()).key(record.key()).versionId(versionId));
    } catch (SdkException e) {
      LOG.warning("The rejected object of upload " + record.id() + " could not be deleted: " + e);
    }
  }

  static RecordsUnavailable unavailable(SQLException e) {
    return new RecordsUnavailable(
        ErrorCode.RECORDS_UNAVAILABLE,
        "The uploads' records cannot be used",
        "The uploads' records cannot be reached just now. Try again in a minute; if it persists,"
            + " tell the operators.",
        e);
  }

  RecordsUnavailable storageUnavailable(SdkException e) {
    return storageUnavailable(e, signing.store().timeouts());
  }

  /**
   * 503 {@code storage_unavailable}, saying whether the store did not answer in time or could not
   * be used at all; either way the record is as it was, so the check can be asked for again.
   */
  static RecordsUnavailable storageUnavailable(SdkException e, StoreTimeouts timeouts) {
    if (StoreTimeouts.ranOutOfTime(e)) {
      return new RecordsUnavailable(
          ErrorCode.STORAGE_UNAVAILABLE,
          "The storage did not answer within "
              + timeouts.inWords()
              + " ("
              + StoreSettings.Key.STORE_TIMEOUT.key()
              + ")",
          "The storage did not answer within "
              + timeouts.inWords()
              + ", so the upload could not be checked or changed. It is not lost: try again in a"
              + " minute.",
          e);
    }
    return new RecordsUnavailable(
        ErrorCode.STORAGE_UNAVAILABLE,
        "The storage cannot be used to check an upload",
        "The storage cannot be reached just now, so the upload could not be checked or changed. It"
            + " is not lost: try again in a minute.",
        e);
  }
}
