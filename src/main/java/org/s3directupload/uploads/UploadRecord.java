package org.s3directupload.uploads;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.s3directupload.json.Jsons;

/**
 * What the application knows of one upload, from its ticket on: who, what, where, when, and what
 * the check of the stored object found. The audit trail, and the owner check of every later call
 * about the upload.
 *
 * @param id the random id that is also a segment of the key
 * @param person the canonical name of who asked for the ticket
 * @param key the object key
 * @param filename the name the person's file had, Unicode kept
 * @param contentType the declared media type, as signed
 * @param size the declared length in bytes; {@link #SIZE_NOT_DECLARED} for a form sent without
 *     JavaScript until its object is checked
 * @param checksumSha256 the declared SHA-256, base64, when there was one
 * @param signatureVersion {@code v4} or {@code v2}
 * @param encryption the encryption the ticket requested, e.g. {@code AES256}
 * @param kmsKeyId the KMS key the ticket requested, in the {@code aws:kms*} modes
 * @param issuedAt when the ticket was issued
 * @param expiresAt when its URL stopped working
 * @param state where the upload stands
 * @param updatedAt when the state last changed
 * @param problems what the check found wrong, in sentences; empty when nothing was
 */
public record UploadRecord(
    String id,
    String person,
    String key,
    String filename,
    String contentType,
    long size,
    Optional<String> checksumSha256,
    String signatureVersion,
    String encryption,
    Optional<String> kmsKeyId,
    Instant issuedAt,
    Instant expiresAt,
    State state,
    Instant updatedAt,
    List<String> problems) {

  /**
   * The size of a form sent without JavaScript until its object is checked: the page could not
   * declare it, the policy bounded it.
   */
  public static final long SIZE_NOT_DECLARED = -1;

  /**
   * Where an upload stands: {@code issued}, then {@code stored}, {@code rejected} or {@code
   * missing}; {@code deleted} at any time.
   */
  public enum State {
    /** A ticket is out; nothing is known of the object yet. */
    ISSUED,
    /** The object is there and is what the ticket allowed. */
    STORED,
    /** The object was not what the ticket allowed; it has been deleted. */
    REJECTED,
    /** Nothing was uploaded before the ticket expired. */
    MISSING,
    /** Deleted by its owner. */
    DELETED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The state a code names, or empty. */
    public static Optional<State> of(String code) {
      for (State state : values()) {
        if (state.code().equals(code)) {
          return Optional.of(state);
        }
      }
      return Optional.empty();
    }
  }

  public UploadRecord {
    problems = List.copyOf(problems);
  }

  /** The record as the API shows it. */
  public JsonObject toJson() {
    JsonArrayBuilder problemList = Jsons.createArrayBuilder();
    problems.forEach(problemList::add);
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("id", id)
            .add("key", key)
            .add("filename", filename)
            .add("contentType", contentType)
            .add("size", size)
            .add("state", state.code())
            .add("issuedAt", issuedAt.toString())
            .add("expiresAt", expiresAt.toString())
            .add("updatedAt", updatedAt.toString())
            .add("problems", problemList)
            .add("person", person)
            .add("signatureVersion", signatureVersion)
            .add("encryption", encryption);
    checksumSha256.ifPresent(checksum -> json.add("checksumSha256", checksum));
    kmsKeyId.ifPresent(keyId -> json.add("kmsKeyId", keyId));
    return json.build();
  }

  /** The same record in another state. */
  UploadRecord in(State next, Instant at, List<String> found) {
    return new UploadRecord(
        id,
        person,
        key,
        filename,
        contentType,
        size,
        checksumSha256,
        signatureVersion,
        encryption,
        kmsKeyId,
        issuedAt,
        expiresAt,
        next,
        at,
        found);
  }
}
