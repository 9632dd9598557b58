package org.s3directupload.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.s3directupload.config.TestSettings;
import org.s3directupload.devstore.DevStore;
import org.s3directupload.devstore.FaultProxy;
import org.s3directupload.testing.SilentServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The client's calls end within {@code upload.store-timeout}, against real sockets: a server that
 * accepts and never answers, and the embedded store behind a {@link FaultProxy}. The bounds are
 * generous on purpose (a busy machine): they check that the time-out bounds a call, not how fast.
 */
class StorageClientsTest {

  private static final StaticCredentialsProvider DEV_CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(DevStore.ACCESS_KEY, DevStore.SECRET_KEY));

  /** Faster than this, the call did not wait for the store at all. */
  private static final Duration NOT_INSTANTLY = Duration.ofMillis(400);

  /** A call configured for PT1S that takes longer than this was not bounded by it. */
  private static final Duration WITHIN_SLACK = Duration.ofSeconds(10);

  /** The client the application builds, for a store at {@code endpoint}. */
  private static S3Client clientFor(URI endpoint, String timeout) {
    return StorageClients.newClient(
        TestSettings.store(
            "upload.endpoint",
            endpoint.toString(),
            "upload.path-style",
            "true",
            "upload.store-timeout",
            timeout),
        DEV_CREDENTIALS);
  }

  private static DevStore devStore() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return DevStore.start(TestSettings.signing(), TestSettings.origins(), port);
  }

  /** How a call failed, and how long it took to. */
  private record Failure(SdkClientException thrown, Duration took) {}

  private static Failure failureOf(Executable call) {
    long started = System.nanoTime();
    SdkClientException thrown = assertThrows(SdkClientException.class, call);
    return new Failure(thrown, Duration.ofNanos(System.nanoTime() - started));
  }

  private static void assertTimedOutInTime(Failure failure) {
    assertTrue(StoreTimeouts.ranOutOfTime(failure.thrown()), "not a time-out: " + failure.thrown());
    assertTrue(
        failure.took().compareTo(NOT_INSTANTLY) > 0,
        "failed after " + failure.took() + ", without waiting");
    assertTrue(
        failure.took().compareTo(WITHIN_SLACK) < 0,
        "took " + failure.took() + " for a PT1S time-out");
  }

  @Test
  void aHeadOfAStoreThatNeverAnswersEndsWithinTheTimeout() throws Exception {
    try (SilentServer store = SilentServer.start();
        S3Client cut = clientFor(store.httpAddress(), "PT1S")) {

      Failure failure = failureOf(() -> cut.headObject(b -> b.bucket("test-bucket").key("a.pdf")));

      assertTimedOutInTime(failure);
      assertTrue(store.connections() >= 1, "the request never reached the server");
      assertFalse(
          Thread.currentThread().isInterrupted(),
          "the SDK's time-out must not leave the caller's thread interrupted");
    }
  }

  @Test
  void aStoreAnsweringTooLateTimesOutAndServesAgainOnceItAnswersAtOnce() throws Exception {
    try (DevStore store = devStore();
        FaultProxy proxy = FaultProxy.start(store.endpoint());
        S3Client cut = clientFor(proxy.httpAddress(), "PT1S")) {
      assertEquals(
          200, cut.headBucket(b -> b.bucket("test-bucket")).sdkHttpResponse().statusCode());

      proxy.delay(Duration.ofSeconds(30));
      Failure failure = failureOf(() -> cut.headBucket(b -> b.bucket("test-bucket")));
      proxy.pass();

      assertTimedOutInTime(failure);
      assertEquals(
          200, cut.headBucket(b -> b.bucket("test-bucket")).sdkHttpResponse().statusCode());
    }
  }

  @Test
  void aStoreThatIsDownFailsWithoutWaitingForTheTimeout() throws Exception {
    try (DevStore store = devStore();
        FaultProxy proxy = FaultProxy.start(store.endpoint());
        S3Client cut = clientFor(proxy.httpAddress(), "PT30S")) {
      proxy.refuse();

      Failure failure = failureOf(() -> cut.headBucket(b -> b.bucket("test-bucket")));

      assertFalse(StoreTimeouts.ranOutOfTime(failure.thrown()), "refused, not timed out");
      assertTrue(
          failure.took().compareTo(WITHIN_SLACK) < 0, "took " + failure.took() + ": it waited");
    }
  }
}
