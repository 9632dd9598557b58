package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClockSkewTest {

  private static final String STORE_SAYS = "Tue, 01 Dec 2026 12:00:00 GMT";

  @ParameterizedTest(name = "server at {0}: {1}")
  @CsvSource({
    "2026-12-01T12:00:00Z, OK",
    "2026-12-01T12:00:29Z, OK",
    "2026-12-01T12:00:30Z, WARN",
    "2026-12-01T11:59:30Z, WARN",
    "2026-12-01T12:14:59Z, WARN",
    "2026-12-01T12:15:00Z, FAIL",
    "2026-12-01T11:40:00Z, FAIL",
  })
  void judgesTheDifferenceEitherWay(String serverTime, Finding.Status expected) {
    Finding cut = ClockSkew.check(Optional.of(STORE_SAYS), Instant.parse(serverTime));

    assertEquals(expected, cut.status(), cut.observed());
  }

  @Test
  void saysHowFarApartInSeconds() {
    Finding cut = ClockSkew.check(Optional.of(STORE_SAYS), Instant.parse("2026-12-01T12:20:00Z"));

    assertEquals("This server's clock and the store's differ by about 1200 s.", cut.observed());
    assertEquals("Synchronise this server's clock (NTP).", cut.fix());
  }

  @Test
  void aMissingOrBrokenDateIsAWarningNotAFailure() {
    assertEquals(Finding.Status.WARN, ClockSkew.check(Optional.empty(), Instant.now()).status());
    Finding broken = ClockSkew.check(Optional.of("yesterday"), Instant.now());
    assertEquals(Finding.Status.WARN, broken.status());
    assertEquals("The store's Date header 'yesterday' is not an HTTP date.", broken.observed());
  }
}
