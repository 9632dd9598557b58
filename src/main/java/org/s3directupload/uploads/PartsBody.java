package org.s3directupload.uploads;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.s3directupload.json.Jsons;
import org.s3directupload.signing.UploadRefusal;

/**
 * The bodies of the part calls: {@code {"parts": [{"partNumber": 1, "checksumSha256": "..."}]}} to
 * sign parts, {@code {"parts": [{"partNumber": 1, "etag": "\"...\""}]}} to complete. Every refusal
 * is a sentence saying what to send instead.
 */
final class PartsBody {

  /** A part to sign: its number and the base64 SHA-256 of its bytes. */
  record PartToSign(int partNumber, String checksumSha256) {}

  /** A part to complete with: its number and its ETag as the store answered it. */
  record SentPart(int partNumber, String etag) {}

  private PartsBody() {}

  static List<PartToSign> toSign(String body, int partCount, int most) {
    List<PartToSign> parts = new ArrayList<>();
    for (JsonObject part : parts(body)) {
      int number = partNumber(part, partCount);
      if (parts.stream().anyMatch(p -> p.partNumber() == number)) {
        throw UploadRefusal.invalid("Part " + number + " is asked for twice.");
      }
      parts.add(new PartToSign(number, checksum(part.get("checksumSha256"), number)));
    }
    if (parts.isEmpty() || parts.size() > most) {
      throw UploadRefusal.invalid("Ask for 1 to " + most + " parts at a time.");
    }
    return parts;
  }

  static List<SentPart> sent(String body, int partCount) {
    List<SentPart> parts = new ArrayList<>();
    for (JsonObject part : parts(body)) {
      int number = partNumber(part, partCount);
      if (number != parts.size() + 1) {
        throw UploadRefusal.invalid(
            "List every part once, in order from 1 to "
                + partCount
                + ": part "
                + number
                + " is out of place.");
      }
      if (!(part.get("etag") instanceof JsonString etag)
          || etag.getString().isEmpty()
          || etag.getString().length() > 1024) {
        throw UploadRefusal.invalid(
            "Part " + number + " has no etag: give the ETag the storage answered for it.");
      }
      parts.add(new SentPart(number, etag.getString()));
    }
    if (parts.size() != partCount) {
      throw UploadRefusal.invalid(
          "The upload has "
              + partCount
              + " parts, but "
              + parts.size()
              + " were listed: list every part with its ETag.");
    }
    return parts;
  }

  /**
   * Whether a completion's body lists parts at all: false for an empty body or a JSON object
   * without {@code parts} (a page asking what became of its upload), true otherwise, for {@link
   * #sent} to judge.
   */
  static boolean listsParts(String body) {
    if (body.isBlank()) {
      return false;
    }
    try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
      return reader.readObject().containsKey("parts");
    } catch (RuntimeException e) {
      return true; // malformed: sent() says so
    }
  }

  private static List<JsonObject> parts(String body) {
    JsonValue parts;
    try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
      parts = reader.readObject().get("parts");
    } catch (RuntimeException e) {
      throw UploadRefusal.invalid("The request body must be a JSON object with parts.");
    }
    if (!(parts instanceof JsonArray array)) {
      throw UploadRefusal.invalid("The request body must be a JSON object with a parts array.");
    }
    List<JsonObject> objects = new ArrayList<>();
    for (JsonValue part : array) {
      if (part.getValueType() != JsonValue.ValueType.OBJECT) {
        throw UploadRefusal.invalid("Each part must be a JSON object with a partNumber.");
      }
      objects.add(part.asJsonObject());
    }
    return objects;
  }

  private static int partNumber(JsonObject part, int partCount) {
    if (part.get("partNumber") instanceof JsonNumber number
        && number.isIntegral()
        && number.bigDecimalValue().signum() > 0
        && number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(partCount)) <= 0) {
      return number.intValue();
    }
    throw UploadRefusal.invalid(
        "A partNumber must be a whole number from 1 to " + partCount + ", this upload's parts.");
  }

  private static String checksum(JsonValue value, int number) {
    if (value instanceof JsonString string && string.getString().length() == 44) {
      try {
        if (Base64.getDecoder().decode(string.getString()).length == 32) {
          return string.getString();
        }
      } catch (IllegalArgumentException notBase64) {
        // refused below
      }
    }
    throw UploadRefusal.invalid(
        "Part "
            + number
            + " needs checksumSha256: the SHA-256 of its bytes, base64-encoded (44 characters).");
  }
}
