package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartPlanTest {

  private static final long MIB = PartPlan.MIB;
  private static final long GIB = 1024 * MIB;
  private static final long TIB = 1024 * GIB;

  @Test
  void cutsIntoThePreferredSizeWithTheRestLast() {
    PartPlan plan = PartPlan.of(100 * MIB + 1, 16 * MIB);

    assertEquals(16 * MIB, plan.partSize());
    assertEquals(7, plan.partCount());
    assertEquals(16 * MIB, plan.sizeOf(6));
    assertEquals(4 * MIB + 1, plan.sizeOf(7));
  }

  @Test
  void anExactMultipleHasAFullLastPart() {
    PartPlan plan = PartPlan.of(64 * MIB, 16 * MIB);

    assertEquals(4, plan.partCount());
    assertEquals(16 * MIB, plan.sizeOf(4));
  }

  @Test
  void aFileOfTenThousandPartsKeepsThePreferredSize() {
    PartPlan plan = PartPlan.of(10_000 * 16 * MIB, 16 * MIB);

    assertEquals(16 * MIB, plan.partSize());
    assertEquals(10_000, plan.partCount());
  }

  @Test
  void oneByteMoreRaisesThePartSizeToTheNextWholeMib() {
    PartPlan plan = PartPlan.of(10_000 * 16 * MIB + 1, 16 * MIB);

    assertEquals(17 * MIB, plan.partSize());
    assertTrue(plan.partCount() <= PartPlan.MAX_PARTS);
  }

  @Test
  void fiveTebibytesFitTenThousandParts() {
    PartPlan plan = PartPlan.of(5 * TIB, 16 * MIB);

    assertEquals(525 * MIB, plan.partSize()); // 5 TiB / 10,000 = 524.288 MiB, rounded up
    assertEquals(9_987, plan.partCount()); // 5,242,880 MiB / 525, rounded up
    assertEquals(5 * TIB - 9_986 * 525 * MIB, plan.sizeOf(9_987));
    assertTrue(plan.sizeOf(9_987) > 0 && plan.sizeOf(9_987) <= plan.partSize());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 5 * 1024 * 1024, 64L * 1024 * 1024 + 1, 5_000_000_000L, 1L << 40})
  void everyByteIsInExactlyOnePartAndEveryPartButTheLastIsFull(long size) {
    PartPlan plan = PartPlan.of(size, 16 * MIB);

    long sum = 0;
    for (int n = 1; n <= plan.partCount(); n++) {
      sum += plan.sizeOf(n);
      if (n < plan.partCount()) {
        assertEquals(plan.partSize(), plan.sizeOf(n));
      }
    }
    assertEquals(size, sum);
    assertTrue(plan.partCount() <= PartPlan.MAX_PARTS);
  }

  @Test
  void aPreferredSizeBelowFiveMibIsRaisedToIt() {
    assertEquals(5 * MIB, PartPlan.of(20 * MIB, 1).partSize());
  }

  @Test
  void refusesWhatS3Cannot() {
    assertThrows(IllegalArgumentException.class, () -> PartPlan.of(5 * TIB + 1, 16 * MIB));
    assertThrows(IllegalArgumentException.class, () -> PartPlan.of(0, 16 * MIB));
    assertThrows(IllegalArgumentException.class, () -> new PartPlan(100 * MIB, 16 * MIB, 6));
    assertThrows(IllegalArgumentException.class, () -> PartPlan.of(20 * MIB, 16 * MIB).sizeOf(3));
    assertThrows(IllegalArgumentException.class, () -> PartPlan.of(20 * MIB, 16 * MIB).sizeOf(0));
  }
}
