package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3directupload.identity.PersonSegment;

class CanariesTest {

  @Test
  void theCanaryAreaIsOutsideEveryPersonsSegment() {
    for (String name :
        List.of("_doctor", ".doctor", "doctor", "_DOCTOR", ".DOCTOR", ". doctor", "..doctor")) {
      String segment = PersonSegment.of(name) + "/";
      assertFalse(segment.equals(Canaries.AREA), name + " -> " + segment);
      assertFalse(Canaries.AREA.startsWith(segment), name + " -> " + segment);
      assertFalse(segment.startsWith(Canaries.AREA), name + " -> " + segment);
    }
  }

  @Test
  void aSegmentStartsWithADotOnlyAsAnEscape() {
    // the rule the area relies on: '.' is always followed by two upper-case hex digits or '-'
    for (String name : List.of(".doctor", "é", "o'brien", ".", "..", "/", "x".repeat(300))) {
      String segment = PersonSegment.of(name);
      for (int i = segment.indexOf('.'); i >= 0; i = segment.indexOf('.', i + 1)) {
        String next = segment.substring(i + 1, Math.min(segment.length(), i + 3));
        assertTrue(next.matches("[0-9A-F]{2}") || next.startsWith("-"), name + " -> " + segment);
      }
    }
  }
}
