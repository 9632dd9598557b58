package org.s3directupload.storage;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.s3directupload.words.Durations;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * How long the application waits for the store, all derived from one setting, {@code
 * upload.store-timeout} (T below). Without these a store that accepts connections but answers
 * slowly holds a request thread, or the sweeper, for as long as it likes.
 *
 * <ul>
 *   <li><b>A whole call: T</b>, retries and their pauses included (the SDK's API call time-out).
 *       This is the promise: no thread of the application waits for one call to the store longer.
 *   <li><b>One attempt: T/2</b> (the SDK's API call attempt time-out), so that an attempt stuck on
 *       a dead connection leaves time for one more on a fresh connection within T. Every call the
 *       application makes today is small (a HEAD, a DELETE, a bucket document, a canary of a few
 *       bytes), so half of T is still far more than a healthy store needs.
 *   <li><b>Reading: T/2</b> (the HTTP client's socket time-out, the longest silence between two
 *       packets): the same bound as an attempt, enforced by the socket itself, in case the SDK's
 *       abort cannot reach a blocked read.
 *   <li><b>Connecting: T/2, at most {@link #LONGEST_CONNECT}</b> (the HTTP client's connect
 *       time-out, the SDK's own default): a TCP handshake does not take longer because the store is
 *       busy, so a longer T for a slow store does not make a dead address wait longer.
 * </ul>
 *
 * @param call the longest one call may take, retries included
 */
public record StoreTimeouts(Duration call) {

  /** The longest a TCP connection to the store may take to open, however long T is. */
  public static final Duration LONGEST_CONNECT = Duration.ofSeconds(2);

  public StoreTimeouts {
    if (call.isNegative() || call.isZero()) {
      throw new IllegalArgumentException("A time-out must be positive, not " + call);
    }
  }

  /** The longest one attempt may take: half a call, so a stuck attempt leaves room for a retry. */
  public Duration attempt() {
    return call.dividedBy(2);
  }

  /** The longest silence while reading an answer: as long as an attempt. */
  public Duration read() {
    return attempt();
  }

  /** The longest a connection may take to open: as long as an attempt, at most 2 seconds. */
  public Duration connect() {
    Duration attempt = attempt();
    return attempt.compareTo(LONGEST_CONNECT) < 0 ? attempt : LONGEST_CONNECT;
  }

  /** The call's bound as people say it: "10 seconds". */
  public String inWords() {
    return Durations.describe(call);
  }

  /**
   * Whether a failure means that the store did not answer in time: the SDK's call or attempt
   * time-out, or a socket or HTTP client time-out anywhere in its causes.
   */
  public static boolean ranOutOfTime(Throwable failure) {
    Throwable cause = failure;
    // bounded: a chain of causes may, in principle, loop
    for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
      if (cause instanceof ApiCallTimeoutException
          || cause instanceof ApiCallAttemptTimeoutException
          || cause instanceof SocketTimeoutException
          || cause instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
