package org.s3directupload.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.Setting;

/**
 * The media types a person may upload: exact ({@code application/pdf}) or a whole top-level type
 * ({@code image/*}). The same list is enforced by the server and rendered into the page so the
 * browser can refuse early with the same answer.
 */
public final class ContentTypePolicy {

  /** RFC 9110 token characters; anything else (spaces, ';', CR, LF) is not a bare media type. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,127}");

  /**
   * Types a wildcard does not admit, only their exact name: an SVG image can carry script, so
   * {@code image/*} means pictures, not {@code image/svg+xml}. (Objects are stored as {@code
   * attachment}, so a download link never renders one in the browser; but what the bucket serves
   * elsewhere is not ours to know.)
   */
  static final Set<String> ONLY_WHEN_NAMED = Set.of("image/svg+xml");

  private final List<String> patterns;

  private ContentTypePolicy(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  static ContentTypePolicy parse(Setting setting, List<String> items) {
    List<String> patterns = new ArrayList<>();
    for (String item : items) {
      String candidate = item.toLowerCase(Locale.ROOT);
      if (!isPattern(candidate)) {
        throw new InvalidSettingException(
            setting,
            "lists '" + item + "', which is not a media type such as application/pdf or image/*.");
      }
      if (!patterns.contains(candidate)) {
        patterns.add(candidate);
      }
    }
    if (patterns.isEmpty()) {
      throw new InvalidSettingException(setting, "must list at least one media type.");
    }
    return new ContentTypePolicy(patterns);
  }

  private static boolean isPattern(String candidate) {
    int slash = candidate.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String type = candidate.substring(0, slash);
    String subtype = candidate.substring(slash + 1);
    if ("*".equals(type)) {
      return "*".equals(subtype);
    }
    return TOKEN.matcher(type).matches()
        && ("*".equals(subtype) || (TOKEN.matcher(subtype).matches() && !subtype.contains("*")))
        && !type.contains("*");
  }

  /**
   * The declared type in the one spelling that gets signed, or empty when it is not a bare {@code
   * type/subtype} (parameters, spaces and control characters are refused rather than cleaned).
   */
  public static Optional<String> normalize(String mediaType) {
    if (mediaType == null) {
      return Optional.empty();
    }
    int slash = mediaType.indexOf('/');
    if (slash <= 0 || slash != mediaType.lastIndexOf('/')) {
      return Optional.empty();
    }
    String type = mediaType.substring(0, slash);
    String subtype = mediaType.substring(slash + 1);
    if (!TOKEN.matcher(type).matches()
        || !TOKEN.matcher(subtype).matches()
        || type.contains("*")
        || subtype.contains("*")) {
      return Optional.empty();
    }
    return Optional.of(mediaType.toLowerCase(Locale.ROOT));
  }

  /** Whether a normalized media type is allowed. */
  public boolean allows(String normalizedType) {
    if (patterns.contains(normalizedType)) {
      return true;
    }
    if (ONLY_WHEN_NAMED.contains(normalizedType)) {
      return false;
    }
    String topLevel = normalizedType.substring(0, normalizedType.indexOf('/'));
    return patterns.contains("*/*") || patterns.contains(topLevel + "/*");
  }

  /** The allowed patterns, in configured order, lower case. */
  public List<String> patterns() {
    return patterns;
  }

  @Override
  public String toString() {
    return String.join(",", patterns);
  }
}
