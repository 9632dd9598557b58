package org.s3directupload.signing;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Optional;
import org.s3directupload.json.Jsons;

/**
 * What the browser asks for: {@code {filename, contentType, size, checksumSha256}}, the checksum
 * optional.
 *
 * <p>Parsed with JSON-P rather than bound by JSON-B so that every wrong shape (a size of "12" or
 * 1.5, a missing field, an array instead of an object) gets its own sentence and a 400, the same on
 * every Jakarta EE server, instead of a provider-specific error.
 *
 * @param filename the name the person's file has, as the browser reports it
 * @param contentType the declared media type, not yet checked
 * @param size the declared length in bytes
 * @param checksumSha256 the SHA-256 of the file, base64, when the page or script declared it
 */
public record UploadRequest(
    String filename, String contentType, long size, Optional<String> checksumSha256) {

  /** A request without a checksum. */
  public UploadRequest(String filename, String contentType, long size) {
    this(filename, contentType, size, Optional.empty());
  }

  /** Longest file name accepted; longer names are refused, not truncated silently. */
  public static final int LONGEST_FILENAME = 1024;

  private static final BigDecimal LARGEST_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  /**
   * Parses a request body.
   *
   * @throws UploadRefusal when the body is not a JSON object with the three fields well typed
   */
  public static UploadRequest fromJson(String body) {
    JsonObject json = parseObject(body);
    return new UploadRequest(
        filename(json.get("filename")),
        contentType(json.get("contentType")),
        size(json.get("size")),
        checksum(json.get("checksumSha256")));
  }

  private static JsonObject parseObject(String body) {
    JsonValue value;
    try (JsonParser parser = Jsons.createParser(new StringReader(body))) {
      if (!parser.hasNext()) {
        throw notJson();
      }
      parser.next();
      value = parser.getValue();
      if (parser.hasNext()) {
        throw notJson(); // something after the value: "{...} junk" is not one JSON document
      }
    } catch (UploadRefusal refusal) {
      throw refusal;
    } catch (RuntimeException e) {
      // parsers signal bad input with several exception types (too deep, too long, malformed)
      throw notJson();
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw UploadRefusal.invalid(
          "The request body must be a JSON object with filename, contentType and size.");
    }
    return value.asJsonObject();
  }

  private static UploadRefusal notWhole() {
    return UploadRefusal.invalid("The file size must be a whole number of bytes.");
  }

  private static UploadRefusal notJson() {
    return UploadRefusal.invalid("The request body is not valid JSON.");
  }

  private static String filename(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      throw UploadRefusal.invalid("The file name is missing.");
    }
    if (!(value instanceof JsonString string)) {
      throw UploadRefusal.invalid("The file name must be a string.");
    }
    String filename = string.getString();
    if (filename.isBlank()) {
      throw UploadRefusal.invalid("The file name is empty.");
    }
    if (filename.length() > LONGEST_FILENAME) {
      throw UploadRefusal.invalid(
          "The file name is longer than " + LONGEST_FILENAME + " characters.");
    }
    return filename;
  }

  private static String contentType(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      throw UploadRefusal.invalid("The content type is missing.");
    }
    if (!(value instanceof JsonString string)) {
      throw UploadRefusal.invalid("The content type must be a string such as application/pdf.");
    }
    return string.getString();
  }

  private static Optional<String> checksum(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value instanceof JsonString string) {
      try {
        if (string.getString().length() == 44
            && Base64.getDecoder().decode(string.getString()).length == 32) {
          return Optional.of(string.getString());
        }
      } catch (IllegalArgumentException notBase64) {
        // refused below
      }
    }
    throw UploadRefusal.invalid(
        "The checksum must be the SHA-256 of the file, base64-encoded (44 characters).");
  }

  private static long size(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      throw UploadRefusal.invalid("The file size is missing.");
    }
    if (!(value instanceof JsonNumber number)) {
      throw notWhole();
    }
    BigDecimal exact;
    try {
      exact = number.bigDecimalValue();
    } catch (RuntimeException e) {
      throw notWhole(); // an exponent beyond what a decimal can hold
    }
    if (exact.signum() < 0) {
      throw UploadRefusal.invalid("The file size cannot be negative.");
    }
    if (exact.compareTo(LARGEST_LONG) > 0) {
      return Long.MAX_VALUE; // far beyond any limit; the size check explains
    }
    if (exact.stripTrailingZeros().scale() > 0) {
      throw notWhole();
    }
    return exact.longValueExact();
  }
}
