package org.s3directupload.bucket;

import jakarta.json.JsonObject;
import java.util.Locale;
import org.s3directupload.json.Jsons;

/**
 * What applying one document did.
 *
 * @param document {@code cors}, {@code policy}, {@code encryption}, {@code publicAccessBlock} or
 *     {@code lifecycle}
 * @param outcome what happened
 * @param message what it means and, when something is left to do, what to do
 */
public record SetupStep(String document, Outcome outcome, String message) {

  /** What applying a document did to the bucket. */
  public enum Outcome {
    /** The bucket already had it. */
    UNCHANGED,
    /** Written. */
    CHANGED,
    /** The store does not implement the operation; the message says how to configure it instead. */
    NOT_SUPPORTED,
    /** Not attempted because a setting is missing; the message names it. */
    SKIPPED,
    /** The store refused or could not be reached; the message says why. */
    FAILED;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace("_", "-");
    }
  }

  public JsonObject toJson() {
    return Jsons.createObjectBuilder()
        .add("document", document)
        .add("outcome", outcome.code())
        .add("message", message)
        .build();
  }
}
