package org.s3directupload.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class StoreTimeoutsTest {

  @Test
  void anAttemptAndAReadTakeHalfACallAndAConnectionAtMostTwoSeconds() {
    StoreTimeouts cut = new StoreTimeouts(Duration.ofSeconds(10));

    assertEquals(Duration.ofSeconds(10), cut.call());
    assertEquals(Duration.ofSeconds(5), cut.attempt());
    assertEquals(Duration.ofSeconds(5), cut.read());
    assertEquals(Duration.ofSeconds(2), cut.connect());
    assertEquals("10 seconds", cut.inWords());
  }

  @Test
  void aShortCallConnectsWithinHalfOfIt() {
    StoreTimeouts cut = new StoreTimeouts(Duration.ofSeconds(1));

    assertEquals(Duration.ofMillis(500), cut.attempt());
    assertEquals(Duration.ofMillis(500), cut.connect());
    assertEquals("1 second", cut.inWords());
  }

  @Test
  void aLongCallStillConnectsWithinTwoSeconds() {
    StoreTimeouts cut = new StoreTimeouts(Duration.ofMinutes(5));

    assertEquals(Duration.ofSeconds(150), cut.attempt());
    assertEquals(Duration.ofSeconds(2), cut.connect());
    assertEquals("5 minutes", cut.inWords());
  }

  @Test
  void aCallWithoutTimeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new StoreTimeouts(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new StoreTimeouts(Duration.ofSeconds(-1)));
  }

  @Test
  void recognisesTheSdksTimeOutsAndSocketTimeOutsAmongTheCauses() {
    assertTrue(StoreTimeouts.ranOutOfTime(ApiCallTimeoutException.create(1000)));
    assertTrue(StoreTimeouts.ranOutOfTime(ApiCallAttemptTimeoutException.create(500)));
    assertTrue(
        StoreTimeouts.ranOutOfTime(
            SdkClientException.create(
                "Unable to execute HTTP request", new SocketTimeoutException("Read timed out"))));
    assertTrue(
        StoreTimeouts.ranOutOfTime(
            new IOException(new HttpConnectTimeoutException("HTTP connect timed out"))));
  }

  @Test
  void aRefusedConnectionOrAnyOtherFailureIsNotATimeOut() {
    assertFalse(
        StoreTimeouts.ranOutOfTime(
            SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused"))));
    assertFalse(StoreTimeouts.ranOutOfTime(SdkClientException.create("No credentials")));
    assertFalse(StoreTimeouts.ranOutOfTime(new IllegalStateException()));
  }
}
