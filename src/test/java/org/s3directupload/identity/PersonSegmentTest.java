package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonSegmentTest {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alice|alice",
        "Alice_B-2|Alice_B-2",
        "a.b|a.2Eb",
        "a/b|a.2Fb",
        "..|.2E.2E",
        "bob@example.org|bob.40example.2Eorg",
        "DOMAIN\\bob|DOMAIN.5Cbob",
        "jürgen|j.C3.BCrgen",
      })
  void readableNamesStayReadable(String name, String segment) {
    assertEquals(segment, PersonSegment.of(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        ".",
        "../bob",
        "alice/../bob",
        "a\u0000b",
        "a\nb",
        "\u202Eevil",
        "ｂｏｂ",
        "bob ",
        " bob",
        "a%2Fb",
        "a.2Fb",
        "CON",
        "a:b",
        "*",
        "bob/"
      })
  void everySegmentIsOneSafeSegment(String name) {
    String segment = PersonSegment.of(name);

    assertTrue(SAFE.matcher(segment).matches(), segment);
    assertFalse(segment.equals(".") || segment.equals(".."), segment);
    assertFalse(segment.contains("/"), segment);
  }

  @Test
  void noTwoNamesShareASegment() {
    List<String> names =
        List.of(
            "bob",
            "Bob",
            "BOB",
            "b.ob",
            "b/ob",
            "b.2Fob",
            "b%2Fob",
            "bob.",
            ".bob",
            "bob_",
            "bob-",
            "b\u00f6b",
            "bo\u0308b",
            "ｂｏｂ",
            "bob\u200b",
            "x".repeat(200),
            "x".repeat(201),
            "x".repeat(60) + ".",
            "x".repeat(60) + ".-",
            "a.2E",
            "a.",
            "a..",
            "a.2E.2E");
    Map<String, String> seen = new HashMap<>();
    for (String name : names) {
      String previous = seen.put(PersonSegment.of(name), name);
      assertEquals(null, previous, "'" + name + "' and '" + previous + "' share a segment");
    }
  }

  @Test
  void longNamesEndInTheirHash() {
    String a = PersonSegment.of("x".repeat(300) + "a");
    String b = PersonSegment.of("x".repeat(300) + "b");

    assertNotEquals(a, b);
    assertTrue(a.length() <= PersonSegment.LONGEST, a);
    assertTrue(SAFE.matcher(PersonSegment.of("é".repeat(300))).matches());
    assertTrue(a.contains(".-"), a);
  }

  @Test
  void malformedUnicodeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PersonSegment.of("a\uD800b"));
    assertThrows(IllegalArgumentException.class, () -> PersonSegment.of(""));
  }
}
