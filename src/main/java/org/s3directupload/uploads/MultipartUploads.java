package org.s3directupload.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.s3directupload.errors.ErrorCode;
import org.s3directupload.json.Jsons;
import org.s3directupload.signing.AcceptedUpload;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.MultipartStart;
import org.s3directupload.signing.PartPlan;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.signing.UploadMethod;
import org.s3directupload.signing.UploadRefusal;
import org.s3directupload.signing.UploadRequest;
import org.s3directupload.uploads.MultipartRecords.Multipart;
import org.s3directupload.uploads.PartsBody.PartToSign;
import org.s3directupload.uploads.PartsBody.SentPart;
import org.s3directupload.uploads.UploadRecord.State;
import org.s3directupload.words.ByteSizes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Files above {@code upload.multipart-threshold}, sent in parts: the application starts the
 * multipart upload itself (so type, name, encryption and metadata are fixed before the browser
 * sends a byte), signs each part just in time for its exact length and SHA-256, lists what the
 * store has for a page that resumes, completes the upload once every part is there with the ETag
 * the store gave it, and aborts what is left unfinished.
 */
@ApplicationScoped
public class MultipartUploads {

  private static final Logger LOG = Logger.getLogger(MultipartUploads.class.getName());

  /** The most parts one call signs. */
  static final int MOST_PARTS_PER_CALL = 100;

  /** How many more part URLs than parts an upload may have signed: retries and re-signing. */
  static final int SIGNING_ALLOWANCE = 2;

  static final String ABANDONED =
      "The upload in parts was not finished within its lifetime ("
          + MultipartSettings.Key.MULTIPART_LIFETIME.key()
          + "), so the storage was told to drop its parts.";

  @Inject Uploads uploads;
  @Inject TicketIssuer issuer;
  @Inject SigningSettings signing;
  @Inject MultipartSettings settings;
  @Inject S3Client s3;

  Clock clock = Clock.systemUTC();

  /** Whether the file of {@code request} goes in parts. */
  public boolean inParts(UploadRequest request) {
    return signing.method() == UploadMethod.PUT && settings.inParts(request.size());
  }

  /**
   * Starts {@code person}'s upload in parts: the multipart upload in the store, then its record and
   * the count against the person's limits, all or none.
   *
   * @return the ticket: {@code id, key, method: MULTIPART, size, partSize, partCount,
   *     parallelParts, expiresAt}
   */
  public JsonObject issue(String person, UploadRequest request) {
    AcceptedUpload upload = issuer.acceptInParts(request);
    MultipartStart start = issuer.startMultipart(person, upload, settings.partSize());
    String uploadId;
    try {
      uploadId = s3.createMultipartUpload(start.createRequest(bucket())).uploadId();
    } catch (S3Exception e) {
      if (e.statusCode() >= 500) {
        throw uploads.storageUnavailable(e);
      }
      throw new RecordsUnavailable(
          ErrorCode.STORAGE_UNAVAILABLE,
          "The storage refused to start an upload in parts (" + S3ErrorCodes.of(e) + ")",
          "The storage refused to start this upload in parts ("
              + S3ErrorCodes.of(e)
              + "): this is the storage's configuration, not the file. Tell the operators; the"
              + " bucket doctor's canary-multipart check names the cause.",
          e);
    } catch (SdkException e) {
      throw uploads.storageUnavailable(e);
    }
    Instant now = clock.instant();
    Instant expiresAt = now.plus(settings.lifetime()).truncatedTo(ChronoUnit.SECONDS);
    UploadRecord record =
        uploads.issuedRecord(
            start.id(),
            person,
            start.key(),
            upload,
            upload.size(),
            Optional.empty(),
            now,
            expiresAt);
    try {
      uploads.reserveAndRecord(
          person,
          upload.size(),
          record,
          connection -> MultipartRecords.insert(connection, start.id(), uploadId, start.plan()));
    } catch (RuntimeException e) {
      abortQuietly(start.key(), uploadId);
      throw e;
    }
    PartPlan plan = start.plan();
    return Jsons.createObjectBuilder()
        .add("id", start.id())
        .add("key", start.key())
        .add("method", "MULTIPART")
        .add("size", plan.size())
        .add("partSize", plan.partSize())
        .add("partCount", plan.partCount())
        .add("parallelParts", settings.parallelParts())
        .add("expiresAt", expiresAt.toString())
        .build();
  }

  /**
   * URLs for some parts of {@code person}'s open upload, each bound to its part's length and
   * SHA-256: {@code {"parts": [{partNumber, url, headers, expiresAt}]}}.
   */
  public JsonObject signParts(String person, String id, String body) {
    UploadRecord record = uploads.get(person, id);
    Multipart parts = open(record);
    if (!clock.instant().isBefore(record.expiresAt())) {
      throw notOpen("Its lifetime is over");
    }
    List<PartToSign> wanted = PartsBody.toSign(body, parts.plan().partCount(), MOST_PARTS_PER_CALL);
    int most = parts.plan().partCount() * (1 + SIGNING_ALLOWANCE) + MOST_PARTS_PER_CALL;
    if (!uploads.countSignedParts(id, wanted.size(), most)) {
      // the count never goes down, so asking again cannot help: 409, not 429
      throw new UploadConflict(
          ErrorCode.NOT_OPEN,
          "This upload has had nearly "
              + most
              + " part URLs signed, the most an upload of "
              + parts.plan().partCount()
              + " parts may have, so it takes no more. Cancel it and upload the file again.");
    }
    JsonArrayBuilder signed = Jsons.createArrayBuilder();
    for (PartToSign part : wanted) {
      signed.add(
          issuer
              .signPart(
                  record.key(),
                  parts.uploadId(),
                  part.partNumber(),
                  parts.plan().sizeOf(part.partNumber()),
                  part.checksumSha256())
              .toJson());
    }
    return Jsons.createObjectBuilder().add("parts", signed).build();
  }

  /**
   * What the store has of {@code person}'s open upload: {@code {"parts": [{partNumber, etag,
   * size}]}}.
   */
  public JsonObject listParts(String person, String id) {
    UploadRecord record = uploads.get(person, id);
    Multipart parts = open(record);
    JsonArrayBuilder listed = Jsons.createArrayBuilder();
    for (Part part : stored(record, parts)) {
      if (part.eTag() == null || part.size() == null) {
        continue; // a store that lists a part without them: the page sends that part again
      }
      listed.add(
          Jsons.createObjectBuilder()
              .add("partNumber", part.partNumber())
              .add("etag", part.eTag())
              .add("size", part.size()));
    }
    return Jsons.createObjectBuilder().add("parts", listed).build();
  }

  /**
   * Completes {@code person}'s upload in parts once every part is in the store with the ETag the
   * page says the store gave it, then checks the object as for a single PUT; an upload already
   * judged is answered as it is.
   *
   * @param body {@code {"parts": [{partNumber, etag}]}}, every part in order; for a single PUT's
   *     record it is not read, and the object is checked as {@link Uploads#complete} does
   */
  public UploadRecord complete(String person, String id, String body) {
    UploadRecord record = uploads.get(person, id);
    if (record.state() != State.ISSUED) {
      return record;
    }
    Optional<Multipart> found = uploads.inParts(record);
    if (found.isEmpty()) {
      return uploads.complete(person, id);
    }
    Multipart parts = found.get();
    if (!PartsBody.listsParts(body)) {
      // a page that lost the answer to its completion asks what became of the upload
      return uploads
          .verify(record)
          .orElseThrow(
              () ->
                  new UploadConflict(
                      ErrorCode.NOT_UPLOADED,
                      "This upload in parts is not complete yet: list every part with the ETag"
                          + " the storage gave it to complete it."));
    }
    List<SentPart> sent = PartsBody.sent(body, parts.plan().partCount());
    List<Part> listed;
    try {
      listed = stored(record, parts);
    } catch (UploadConflict gone) {
      // completed by an earlier call whose answer was lost, or aborted
      return uploads.verify(record).orElseThrow(() -> gone);
    }
    Map<Integer, Part> byNumber = new HashMap<>();
    listed.forEach(part -> byNumber.put(part.partNumber(), part));
    List<CompletedPart> completed = new ArrayList<>();
    for (SentPart part : sent) {
      Part stored = byNumber.get(part.partNumber());
      if (stored == null) {
        throw new UploadConflict(
            ErrorCode.NOT_UPLOADED,
            "Part "
                + part.partNumber()
                + " has not reached the storage yet: send it, then complete the upload.");
      }
      if (stored.eTag() == null || !unquoted(stored.eTag()).equals(unquoted(part.etag()))) {
        throw UploadRefusal.invalid(
            "Part "
                + part.partNumber()
                + "'s ETag is not the one the storage has for it, so the upload was not"
                + " completed. Give the ETag the storage answered when the part was sent.");
      }
      long expected = parts.plan().sizeOf(part.partNumber());
      if (stored.size() == null || stored.size() != expected) {
        throw UploadRefusal.invalid(
            "Part "
                + part.partNumber()
                + " in the storage is "
                + ByteSizes.describe(stored.size() == null ? 0 : stored.size())
                + ", not the "
                + ByteSizes.describe(expected)
                + " it must be: send it again.");
      }
      completed.add(
          CompletedPart.builder()
              .partNumber(part.partNumber())
              .eTag(stored.eTag())
              .checksumSHA256(stored.checksumSHA256())
              .build());
    }
    try {
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket())
                  .key(record.key())
                  .uploadId(parts.uploadId())
                  .ifNoneMatch("*")
                  .multipartUpload(m -> m.parts(completed)));
    } catch (NoSuchUploadException e) {
      return uploads.verify(record).orElseThrow(() -> notOpen("The storage no longer has it"));
    } catch (S3Exception e) {
      if (e.statusCode() >= 500) {
        throw uploads.storageUnavailable(e);
      }
      // a completion that went through already (a retried call, If-None-Match answering 412)
      Optional<UploadRecord> done = uploads.verify(record);
      if (done.isPresent()) {
        return done.get();
      }
      throw UploadRefusal.invalid(
          "The storage refused to complete the upload ("
              + S3ErrorCodes.of(e)
              + "): send the parts again, or cancel the upload and start over.");
    } catch (SdkException e) {
      throw uploads.storageUnavailable(e);
    }
    return uploads
        .verify(record)
        .orElseThrow(() -> notOpen("The storage does not show the completed file"));
  }

  /**
   * The sweeper's look at an expired record: an upload in parts that was completed is checked, one
   * that was not is aborted and its record made {@code missing}.
   *
   * @return false when the record was a single PUT, for the sweeper to look at as such
   */
  boolean sweep(UploadRecord record, Instant now) {
    Optional<Multipart> parts = uploads.inParts(record);
    if (parts.isEmpty()) {
      return false;
    }
    if (uploads.verify(record).isEmpty()) {
      uploads.abort(parts.get());
      // a completion that ended between the look and the abort left an object: check it instead
      if (uploads.verify(record).isEmpty()) {
        uploads.transition(
            record.id(), EnumSet.of(State.ISSUED), State.MISSING, now, List.of(ABANDONED));
      }
    }
    return true;
  }

  private Multipart open(UploadRecord record) {
    if (record.state() != State.ISSUED) {
      throw notOpen("It is " + record.state().code());
    }
    return uploads
        .inParts(record)
        .orElseThrow(
            () ->
                UploadRefusal.invalid(
                    "This upload is a single PUT, not an upload in parts: it has no parts."));
  }

  /** Every part the store has, in order (ListParts answers at most 1,000 per page). */
  private List<Part> stored(UploadRecord record, Multipart parts) {
    try {
      List<Part> listed = new ArrayList<>();
      s3.listPartsPaginator(b -> b.bucket(bucket()).key(record.key()).uploadId(parts.uploadId()))
          .parts()
          .forEach(listed::add);
      return listed;
    } catch (NoSuchUploadException e) {
      throw notOpen("The storage no longer has it");
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw notOpen("The storage no longer has it");
      }
      throw uploads.storageUnavailable(e);
    } catch (SdkException e) {
      throw uploads.storageUnavailable(e);
    }
  }

  private void abortQuietly(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      LOG.warning(
          "A multipart upload whose record could not be written was not aborted; the bucket's"
              + " lifecycle rule will: "
              + e.getClass().getSimpleName());
    }
  }

  /** An ETag as stores write it, with or without its quotes. */
  private static String unquoted(String etag) {
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  private static UploadConflict notOpen(String why) {
    return new UploadConflict(
        ErrorCode.NOT_OPEN,
        why + ", so this upload in parts is no longer open: upload the file again.");
  }

  private String bucket() {
    return signing.store().bucket();
  }

  /** The S3 error code of a refusal, for a sentence; never its message, which may echo input. */
  private static final class S3ErrorCodes {
    static String of(S3Exception e) {
      return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
          ? "HTTP " + e.statusCode()
          : e.awsErrorDetails().errorCode();
    }
  }
}
