package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.s3directupload.testing.MovableClock;

class RememberedSignInsTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Person ALICE = new Person("alice", Set.of(Roles.UPLOADER));

  private final MovableClock clock = new MovableClock(NOW);

  private RememberedSignIns remembering(Duration memory) {
    return new RememberedSignIns(
        new SignInSettings(10, 100, Duration.ofMinutes(15), memory), clock);
  }

  @Test
  void theSameNameAndPasswordAreRecalledUntilTheMemoryRunsOut() {
    RememberedSignIns cut = remembering(Duration.ofMinutes(1));
    cut.remember("alice", "secret".toCharArray(), ALICE);

    assertEquals(Optional.of(ALICE), cut.recall("alice", "secret".toCharArray()));
    assertEquals(Optional.empty(), cut.recall("alice", "Secret".toCharArray()));
    assertEquals(Optional.empty(), cut.recall("Alice", "secret".toCharArray()));
  }

  @Test
  void nothingIsRecalledOnceTheMemoryHasRunOut() {
    RememberedSignIns minute = remembering(Duration.ofMinutes(1));
    minute.remember("alice", "secret".toCharArray(), ALICE);
    RememberedSignIns zero = remembering(Duration.ZERO);
    zero.remember("alice", "secret".toCharArray(), ALICE);

    clock.advance(Duration.ofSeconds(59));
    assertEquals(Optional.of(ALICE), minute.recall("alice", "secret".toCharArray()));
    assertEquals(Optional.empty(), zero.recall("alice", "secret".toCharArray()));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), minute.recall("alice", "secret".toCharArray()));
  }

  @Test
  void aNameWithAColonCannotPassForAnotherSplit() {
    RememberedSignIns cut = remembering(Duration.ofMinutes(1));
    cut.remember("al", "ice:secret".toCharArray(), ALICE);

    assertEquals(Optional.empty(), cut.recall("al:ice", "secret".toCharArray()));
  }
}
