package org.s3directupload.bucket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The objects one doctor run writes, all under {@value #AREA} below the key prefix, deleted when
 * the run closes it (by version on a versioned bucket). A delete that fails becomes a finding, so a
 * canary is never left behind silently.
 */
final class Canaries implements AutoCloseable {

  /**
   * Where canaries live, below the key prefix: outside every person's segment, because a segment
   * starts with a dot only as an escape of two upper-case hex digits ({@code PersonSegment}).
   */
  static final String AREA = ".doctor/";

  private final S3Client s3;
  private final String bucket;
  private final String area;
  private final Map<String, String> written = new LinkedHashMap<>();
  private final List<Finding> problems = new ArrayList<>();

  Canaries(S3Client s3, String bucket, String keyPrefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.area = keyPrefix + AREA;
  }

  /** A fresh key for a canary. */
  String newKey() {
    return area + UUID.randomUUID() + ".txt";
  }

  /** Marks a key as about to be written: it is deleted on close, whatever the write's outcome. */
  void attempt(String key) {
    written.putIfAbsent(key, null);
  }

  /** Records the version a canary was written as, so exactly that version is deleted. */
  void written(String key, String versionId) {
    written.put(key, versionId);
  }

  /** The area's path, for messages about permissions. */
  String area() {
    return area;
  }

  @Override
  public void close() {
    written.forEach(
        (key, versionId) -> {
          try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId));
          } catch (RuntimeException e) {
            problems.add(
                Finding.warn(
                    "canary-cleanup",
                    "The canary " + key + " could not be deleted: " + e.getMessage(),
                    "Canaries are tiny, but they should not stay in the bucket.",
                    "Delete it, and let the application's credentials delete objects under "
                        + area
                        + " (s3:DeleteObject, s3:DeleteObjectVersion on versioned buckets)."));
          }
        });
    written.clear();
  }

  /** What could not be cleaned up; read after {@link #close}. */
  List<Finding> problems() {
    return List.copyOf(problems);
  }
}
