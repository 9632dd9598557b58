package org.s3directupload.bucket;

import java.io.IOException;
import java.util.List;

/** One of the doctor's checks of a reachable bucket. */
interface DoctorCheck {

  /** The finding's name when the check itself cannot be completed. */
  String name();

  /** What the check found; a check that cannot complete throws, and the doctor says so. */
  List<Finding> examine(Examination exam) throws IOException, InterruptedException;
}
