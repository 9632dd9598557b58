package org.s3directupload.identity;

import java.util.regex.Pattern;

/** Where the sign-in page may send a person afterwards: only plain paths of this application. */
public final class SignInTargets {

  private static final Pattern SAFE = Pattern.compile("/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  private SignInTargets() {}

  /**
   * Whether {@code path} (after the context path) is a plain path here: no scheme, host, {@code
   * //}, backslash, dot segment, query or anything percent-encoded, so it cannot lead off-site.
   */
  public static boolean isSafe(String path) {
    return path != null
        && path.length() <= 200
        && SAFE.matcher(path).matches()
        && !path.contains("/../")
        && !path.endsWith("/..")
        && !path.contains("/./");
  }
}
