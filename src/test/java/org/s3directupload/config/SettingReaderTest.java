package org.s3directupload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingReaderTest {

  /** Keys of an imaginary feature. */
  enum Key implements Setting {
    NAME,
    MAX_COUNT,
    LIFETIME,
    ENABLED,
    MODE,
    ITEMS,
    ORIGINS,
    SERVER;

    @Override
    public String prefix() {
      return "test.";
    }
  }

  enum Mode {
    FAST,
    SAFE
  }

  private static SettingReader reader(String... kv) {
    return SettingReader.of(TestSettings.overlay(Map.of(), kv));
  }

  private static String refusal(Runnable read) {
    return assertThrows(InvalidSettingException.class, read::run).getMessage();
  }

  @Test
  void keysAreThePrefixAndTheConstantInLowerCaseWithDashes() {
    assertEquals("test.max-count", Key.MAX_COUNT.key());
    assertEquals("test.name", Key.NAME.key());
  }

  @Test
  void blankValuesAreNoValues() {
    SettingReader cut = reader("test.name", "  ");

    assertEquals(Optional.empty(), cut.optional(Key.NAME));
    assertEquals(Optional.of("  "), cut.exact(Key.NAME));
    assertEquals(
        "Invalid configuration: test.name is required but has no value.",
        refusal(() -> cut.required(Key.NAME)));
  }

  @Test
  void wholeNumbersInRange() {
    assertEquals(7, reader("test.max-count", " 7 ").wholeNumber(Key.MAX_COUNT, 1, 10, "things"));
    assertEquals(
        "Invalid configuration: test.max-count must be a whole number of things from 1 to 10,"
            + " not '11'.",
        refusal(() -> reader("test.max-count", "11").wholeNumber(Key.MAX_COUNT, 1, 10, "things")));
    assertEquals(
        "Invalid configuration: test.max-count must be a whole number of things, at least 1, not"
            + " 'many'.",
        refusal(
            () ->
                reader("test.max-count", "many")
                    .wholeNumber(Key.MAX_COUNT, 1, Long.MAX_VALUE, "things")));
  }

  @Test
  void durationsInWholeSecondsInRange() {
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofHours(1);

    assertEquals(
        Duration.ofMinutes(5),
        reader("test.lifetime", "PT5M").duration(Key.LIFETIME, min, max, "PT10M"));
    assertEquals(
        "Invalid configuration: test.lifetime must be whole seconds from PT1S to PT1H, not 'PT2H'.",
        refusal(() -> reader("test.lifetime", "PT2H").duration(Key.LIFETIME, min, max, "PT10M")));
    assertTrue(
        refusal(() -> reader("test.lifetime", "PT0.5S").duration(Key.LIFETIME, min, max, "PT10M"))
            .contains("whole seconds"));
  }

  @Test
  void booleansInAnyCase() {
    assertTrue(reader("test.enabled", "TRUE").bool(Key.ENABLED));
    assertFalse(reader("test.enabled", "false").bool(Key.ENABLED));
    assertEquals(
        "Invalid configuration: test.enabled must be true or false, not 'yes'.",
        refusal(() -> reader("test.enabled", "yes").bool(Key.ENABLED)));
  }

  @Test
  void oneOfAFixedSetListsTheChoices() {
    assertEquals(
        Mode.SAFE,
        reader("test.mode", "Safe").oneOf(Key.MODE, Mode.class, m -> m.name().toLowerCase(), true));
    assertEquals(
        "Invalid configuration: test.mode must be fast or safe, not 'Safe'.",
        refusal(
            () ->
                reader("test.mode", "Safe")
                    .oneOf(Key.MODE, Mode.class, m -> m.name().toLowerCase(), false)));
  }

  @Test
  void listsDropBlanksAndRepeatsAndKeepTheOrder() {
    assertEquals(List.of("b", "a"), reader("test.items", " b, ,a,b ,").list(Key.ITEMS));
    assertEquals(List.of(), reader().list(Key.ITEMS));
  }

  @Test
  void originsAreSchemeHostAndPortOnly() {
    assertEquals(
        List.of("https://a.example.com", "http://localhost:8080"),
        reader("test.origins", "https://A.example.com,http://localhost:8080").origins(Key.ORIGINS));
    for (String wrong : List.of("*", "a.example.com", "https://a.example.com/x", "ftp://a.b")) {
      assertTrue(
          refusal(() -> reader("test.origins", wrong).origins(Key.ORIGINS))
              .startsWith("Invalid configuration: test.origins must list origins"),
          wrong);
    }
  }

  @Test
  void serverAddressesDropATrailingSlashAndRefuseAnythingMore() {
    Set<String> schemes = Set.of("https");

    assertEquals(
        Optional.of(URI.create("https://s.example.com:9000")),
        reader("test.server", "https://s.example.com:9000/")
            .serverAddress(Key.SERVER, schemes, "must be a server."));
    assertEquals(
        Optional.empty(), reader().serverAddress(Key.SERVER, schemes, "must be a server."));
    String refused =
        refusal(
            () ->
                reader("test.server", "https://user:secret@s.example.com")
                    .serverAddress(Key.SERVER, schemes, "must be a server."));
    assertEquals("Invalid configuration: test.server must be a server.", refused);
  }

  @Test
  void readPassesTheRefusalOn() {
    String message = refusal(() -> reader().read(r -> r.required(Key.NAME)));

    assertEquals("Invalid configuration: test.name is required but has no value.", message);
  }
}
