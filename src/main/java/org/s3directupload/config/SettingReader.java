package org.s3directupload.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Reads settings from a source (MicroProfile Config in a server, the environment outside one) and
 * converts each value once. Every refusal is an {@link InvalidSettingException} that names the key
 * and the rule; a value is quoted back only where a slot holds no secret (numbers, durations,
 * booleans, fixed choices), never for addresses and origins, which may carry credentials.
 */
public final class SettingReader {

  private static final Logger LOG = Logger.getLogger(SettingReader.class.getName());

  private final Function<String, Optional<String>> source;

  /**
   * @param source looks up a key; empty when it has no value
   */
  public SettingReader(Function<String, Optional<String>> source) {
    this.source = source;
  }

  /** A reader over fixed values, for tools and tests. */
  public static SettingReader of(Map<String, String> values) {
    return new SettingReader(key -> Optional.ofNullable(values.get(key)));
  }

  /**
   * Runs {@code read} (a settings record's {@code read} method) and logs its refusal, so that the
   * key and the problem reach the server log even where a server reports only that the deployment
   * failed.
   */
  public <T> T read(Function<SettingReader, T> read) {
    try {
      return read.apply(this);
    } catch (InvalidSettingException e) {
      LOG.severe(e.getMessage());
      throw e;
    }
  }

  /** The value exactly as given; empty when absent or empty. Spaces are kept (passwords). */
  public Optional<String> exact(Setting setting) {
    return source.apply(setting.key()).filter(value -> !value.isEmpty());
  }

  /** The value without surrounding spaces; empty when absent or blank. */
  public Optional<String> optional(Setting setting) {
    return source.apply(setting.key()).map(String::strip).filter(value -> !value.isEmpty());
  }

  /** The value without surrounding spaces; a missing or blank one stops start-up. */
  public String required(Setting setting) {
    return optional(setting)
        .orElseThrow(() -> new InvalidSettingException(setting, "is required but has no value."));
  }

  /** {@code true} or {@code false}, in any case. */
  public boolean bool(Setting setting) {
    String value = required(setting);
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidSettingException(setting, "must be true or false, not '" + value + "'.");
    };
  }

  /**
   * A whole number from {@code min} to {@code max}.
   *
   * @param unit what is counted, for the message ("bytes", "tickets")
   */
  public long wholeNumber(Setting setting, long min, long max, String unit) {
    String value = required(setting);
    try {
      long number = Long.parseLong(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String range = max == Long.MAX_VALUE ? ", at least " + min : " from " + min + " to " + max;
    throw new InvalidSettingException(
        setting, "must be a whole number of " + unit + range + ", not '" + value + "'.");
  }

  /**
   * An ISO-8601 duration of whole seconds from {@code min} to {@code max}.
   *
   * @param example a typical value, for the message
   */
  public Duration duration(Setting setting, Duration min, Duration max, String example) {
    String value = required(setting);
    Duration duration;
    try {
      duration = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidSettingException(
          setting, "must be an ISO-8601 duration such as " + example + ", not '" + value + "'.");
    }
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0 || duration.getNano() != 0) {
      throw new InvalidSettingException(
          setting, "must be whole seconds from " + min + " to " + max + ", not '" + value + "'.");
    }
    return duration;
  }

  /**
   * One of a fixed set of values.
   *
   * @param spelling how each constant is written in the configuration
   * @param ignoreCase whether {@code V4} counts as {@code v4}
   */
  public <E extends Enum<E>> E oneOf(
      Setting setting, Class<E> type, Function<E, String> spelling, boolean ignoreCase) {
    String value = required(setting);
    for (E constant : type.getEnumConstants()) {
      String written = spelling.apply(constant);
      if (ignoreCase ? written.equalsIgnoreCase(value) : written.equals(value)) {
        return constant;
      }
    }
    List<String> choices =
        Arrays.stream(type.getEnumConstants()).map(spelling).collect(Collectors.toList());
    String last = choices.remove(choices.size() - 1);
    String listed = choices.isEmpty() ? last : String.join(", ", choices) + " or " + last;
    throw new InvalidSettingException(setting, "must be " + listed + ", not '" + value + "'.");
  }

  /** A comma-separated list, each item stripped, empty items and repeats dropped, order kept. */
  public List<String> list(Setting setting) {
    return optional(setting).map(SettingReader::items).orElse(List.of());
  }

  /** The items of a comma-separated value, as {@link #list} returns them. */
  public static List<String> items(String value) {
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(item -> !item.isEmpty())
        .distinct()
        .toList();
  }

  /**
   * Browser origins ({@code scheme://host[:port]}), lower case, never {@code *}, no path.
   *
   * @return empty when the key has no value
   */
  public List<String> origins(Setting setting) {
    List<String> origins = new ArrayList<>();
    List<String> items = list(setting);
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      Optional<URI> uri = parse(item);
      boolean httpScheme =
          uri.isPresent()
              && ("http".equals(uri.get().getScheme()) || "https".equals(uri.get().getScheme()));
      if (!httpScheme
          || uri.get().getHost() == null
          || uri.get().getRawUserInfo() != null
          || !(uri.get().getRawPath() == null || uri.get().getRawPath().isEmpty())
          || uri.get().getRawQuery() != null
          || uri.get().getRawFragment() != null) {
        // not repeated: a mistyped origin may carry a user name and password
        throw new InvalidSettingException(
            setting,
            "must list origins such as https://uploads.example.com (scheme, host and optional"
                + " port; no user name, password, path or '*'), but item "
                + (i + 1)
                + " is not one.");
      }
      String origin = item.toLowerCase(Locale.ROOT);
      if (!origins.contains(origin)) {
        origins.add(origin);
      }
    }
    return List.copyOf(origins);
  }

  /**
   * A server's address: a scheme, a host, an optional port and nothing else.
   *
   * @param schemes the schemes allowed, lower case
   * @param problem what the message says when the value is anything else
   * @return {@code scheme://authority}, without a trailing slash; empty when the key has no value
   * @throws InvalidSettingException naming the key; the value is not repeated, as a mistyped one
   *     may carry credentials
   */
  public Optional<URI> serverAddress(Setting setting, Set<String> schemes, String problem) {
    Optional<String> value = optional(setting);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    URI uri =
        parse(value.get()).orElseThrow(() -> new InvalidSettingException(setting, "is not a URL."));
    boolean bare =
        uri.getRawQuery() == null
            && uri.getRawFragment() == null
            && uri.getRawUserInfo() == null
            && (uri.getRawPath() == null
                || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/"));
    if (uri.getScheme() == null
        || !schemes.contains(uri.getScheme())
        || uri.getHost() == null
        || !bare) {
      throw new InvalidSettingException(setting, problem);
    }
    return Optional.of(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()));
  }

  private static Optional<URI> parse(String value) {
    try {
      return Optional.of(new URI(value));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
