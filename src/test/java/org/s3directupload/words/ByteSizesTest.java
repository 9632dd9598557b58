package org.s3directupload.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

  @Test
  void largeSizesCarryTheExactFigure() {
    assertEquals("100 MB (104857600 bytes)", ByteSizes.describe(104857600));
    assertEquals("1.5 KB (1536 bytes)", ByteSizes.describe(1536));
    assertEquals("5 GB (5368709120 bytes)", ByteSizes.describe(5368709120L));
  }

  @Test
  void smallSizesAreInBytes() {
    assertEquals("1 byte", ByteSizes.describe(1));
    assertEquals("0 bytes", ByteSizes.describe(0));
    assertEquals("1023 bytes", ByteSizes.describe(1023));
  }

  @Test
  void roundedSizesAreShortForLabels() {
    assertEquals("100 MB", ByteSizes.rounded(104857600));
    assertEquals("1.5 KB", ByteSizes.rounded(1536));
    assertEquals("10 MB", ByteSizes.rounded(10485760));
  }
}
