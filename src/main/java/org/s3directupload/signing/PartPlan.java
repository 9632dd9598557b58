package org.s3directupload.signing;

/**
 * How a file is cut into parts: every part {@code partSize} bytes but the last, which holds the
 * rest. S3's rules: at most {@value #MAX_PARTS} parts, each from 5 MiB (all but the last) to 5 GiB,
 * the object at most 5 TiB.
 *
 * @param size the file's length in bytes
 * @param partSize the length of every part but the last
 * @param partCount how many parts
 */
public record PartPlan(long size, long partSize, int partCount) {

  public static final int MAX_PARTS = 10_000;
  public static final long MIB = 1024L * 1024;
  public static final long MIN_PART_SIZE = 5 * MIB;
  public static final long MAX_PART_SIZE = 5L * 1024 * MIB;
  public static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * MIB;

  public PartPlan {
    if (size < 1 || size > MAX_OBJECT_SIZE) {
      throw new IllegalArgumentException("A multipart object is 1 byte to 5 TiB: " + size);
    }
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new IllegalArgumentException("A part is 5 MiB to 5 GiB: " + partSize);
    }
    if (partCount != count(size, partSize) || partCount > MAX_PARTS) {
      throw new IllegalArgumentException(partCount + " parts cannot hold " + size + " bytes");
    }
  }

  /**
   * The plan for a file of {@code size} bytes with parts of {@code preferred} bytes, the part size
   * raised to whole MiB as far as needed so that no more than {@value #MAX_PARTS} parts hold it.
   */
  public static PartPlan of(long size, long preferred) {
    long partSize = Math.max(preferred, MIN_PART_SIZE);
    long needed = ceilDiv(size, MAX_PARTS);
    if (partSize < needed) {
      partSize = ceilDiv(needed, MIB) * MIB;
    }
    return new PartPlan(size, partSize, count(size, partSize));
  }

  /** The length of part {@code number} (1-based). */
  public long sizeOf(int number) {
    if (number < 1 || number > partCount) {
      throw new IllegalArgumentException("No part " + number + " of " + partCount);
    }
    return number < partCount ? partSize : size - (partCount - 1) * partSize;
  }

  private static int count(long size, long partSize) {
    return (int) Math.min(Integer.MAX_VALUE, ceilDiv(size, partSize));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
