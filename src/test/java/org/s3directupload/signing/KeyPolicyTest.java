package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-30T23:59:59Z");
  private static final Pattern KEY_SHAPE =
      Pattern.compile(
          "uploads/alice/2026/11/30/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/"
              + "[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

  private final KeyPolicy cut = new KeyPolicy("uploads/");

  @ParameterizedTest
  @MethodSource("org.s3directupload.signing.FileNamesTest#hostileNames")
  void keyStaysInsideThePrefixWhateverTheName(String filename) {
    String key = cut.keyFor("alice", UUID.randomUUID(), FileNames.safeName(filename), NOW);

    assertTrue(KEY_SHAPE.matcher(key).matches(), key);
    assertTrue(key.startsWith("uploads/alice/"), key);
    assertFalse(key.contains("\\"), key);
    assertFalse(key.contains("//"), key);
    List<String> segments = List.of(key.split("/", -1));
    assertFalse(segments.contains(".."), key);
    assertFalse(segments.contains("."), key);
    assertFalse(segments.contains(""), key);
    assertEquals(7, segments.size(), key);
  }

  @Test
  void theUploadsIdIsTheKeysRandomSegment() {
    UUID id = UUID.fromString("0b5c8a1e-3f4d-4c2b-9a7e-6d5f4e3c2b1a");

    assertEquals(
        "uploads/alice/2026/11/30/0b5c8a1e-3f4d-4c2b-9a7e-6d5f4e3c2b1a/a.pdf",
        cut.keyFor("alice", id, "a.pdf", NOW));
    assertNotEquals(
        cut.keyFor("alice", UUID.randomUUID(), "a.pdf", NOW),
        cut.keyFor("alice", UUID.randomUUID(), "a.pdf", NOW));
  }

  @Test
  void dayIsTheUtcDay() {
    String key =
        new KeyPolicy("in/")
            .keyFor("bob", UUID.randomUUID(), "a.pdf", Instant.parse("2027-01-02T00:30:00Z"));

    assertTrue(key.startsWith("in/bob/2027/01/02/"), key);
  }
}
