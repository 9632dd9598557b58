package org.s3directupload.devstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each mode against a real HTTP server on loopback (the JDK's), through real sockets. Time bounds
 * are generous where a busy machine could stretch them; a hold's lower bound is exact, since the
 * proxy never forwards an answer early.
 */
class FaultProxyTest {

  private static final Duration GENEROUS = Duration.ofSeconds(10);

  private HttpServer target;
  private FaultProxy cut;
  private HttpClient http;

  @BeforeEach
  void targetAndProxy() throws Exception {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/",
        exchange -> {
          byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes();
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    target.start();
    cut = FaultProxy.start("127.0.0.1", target.getAddress().getPort());
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stop() {
    cut.close();
    target.stop(0);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(cut.httpAddress().resolve(path)).timeout(GENEROUS).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private Duration timed(ThrowingRunnable call) throws Exception {
    long started = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), cut.port()), 5_000);
    socket.setSoTimeout((int) GENEROUS.toMillis());
    return socket;
  }

  private static void awaitTrue(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "still not " + what);
      Thread.sleep(10);
    }
  }

  @Test
  void passesRequestsAndAnswersThroughOnLoopback() throws Exception {
    assertEquals(FaultProxy.Mode.PASS, cut.mode());
    assertEquals("hello /a", get("/a"));
    assertEquals("hello /b", get("/b"));
    assertEquals(1, cut.acceptedConnections(), "both on one kept-alive connection");
    assertTrue(cut.port() != target.getAddress().getPort());
  }

  @Test
  void delayHoldsEveryAnswerOnAKeptAliveConnection() throws Exception {
    get("/warm");
    cut.delay(Duration.ofMillis(1500));

    Duration first = timed(() -> assertEquals("hello /1", get("/1")));
    Duration second = timed(() -> assertEquals("hello /2", get("/2")));

    assertEquals(FaultProxy.Mode.DELAY, cut.mode());
    assertEquals(1, cut.acceptedConnections(), "the same connection throughout");
    for (Duration took : new Duration[] {first, second}) {
      assertTrue(took.compareTo(Duration.ofMillis(1500)) >= 0, "answered after only " + took);
      assertTrue(took.compareTo(GENEROUS) < 0, "took " + took);
    }
  }

  @Test
  void delayHoldsTheFirstAnswerOfANewConnection() throws Exception {
    cut.delay(Duration.ofMillis(1500));

    Duration took = timed(() -> assertEquals("hello /new", get("/new")));

    assertTrue(took.compareTo(Duration.ofMillis(1500)) >= 0, "answered after only " + took);
  }

  @Test
  void passFromAnotherThreadReleasesAnAnswerBeingHeld() throws Exception {
    cut.delay(Duration.ofMinutes(5));
    long started = System.nanoTime();
    CompletableFuture<String> answer =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return get("/held");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    awaitTrue("connected", () -> cut.openConnections() == 1);
    Thread.sleep(200);
    assertFalse(answer.isDone(), "the answer is held");

    cut.pass();

    assertEquals("hello /held", answer.get(GENEROUS.toSeconds(), TimeUnit.SECONDS));
    assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(1)) < 0);
  }

  @Test
  void listensBelowThePortsTheSystemGivesOutgoingConnections() {
    assertTrue(cut.port() >= FaultProxy.LOWEST_PORT, "port " + cut.port());
    assertTrue(cut.port() < FaultProxy.firstEphemeralPort(), "port " + cut.port());
  }

  @Test
  void refuseRefusesNewConnectionsUntilPassListensOnTheSamePortAgain() throws Exception {
    int port = cut.port();
    cut.refuse();

    assertEquals(FaultProxy.Mode.REFUSE, cut.mode());
    assertThrows(ConnectException.class, this::connect);

    cut.pass();
    assertEquals(port, cut.port());
    assertEquals("hello /back", get("/back"));
  }

  @Test
  void delayAfterRefuseListensAgainAndHolds() throws Exception {
    cut.refuse();
    cut.delay(Duration.ofMillis(1000));

    Duration took = timed(() -> assertEquals("hello /slow", get("/slow")));

    assertTrue(took.compareTo(Duration.ofMillis(1000)) >= 0, "answered after only " + took);
  }

  @Test
  void refuseResetsConnectionsThatAreOpen() throws Exception {
    try (Socket client = connect()) {
      OutputStream out = client.getOutputStream();
      // a request whose headers never end: the target waits, the connection stays open
      out.write("GET /open HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      awaitTrue("connected", () -> cut.openConnections() == 1);

      cut.refuse();

      InputStream in = client.getInputStream();
      assertThrows(SocketException.class, in::read, "the client sees its connection reset");
      awaitTrue("closed", () -> cut.openConnections() == 0);
    }
  }

  @Test
  void aTargetThatIsDownResetsTheClientsConnection() throws Exception {
    int nobodyListens;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobodyListens = socket.getLocalPort();
    }
    try (FaultProxy proxy = FaultProxy.start(URI.create("http://127.0.0.1:" + nobodyListens));
        Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      client.setSoTimeout((int) GENEROUS.toMillis());

      int read;
      try {
        read = client.getInputStream().read();
      } catch (SocketException reset) {
        read = -1;
      }

      assertEquals(-1, read, "no byte from a target that is not there");
      awaitTrue("closed", () -> proxy.openConnections() == 0);
    }
  }

  @Test
  void closeEndsEveryThreadAtOnceEvenWithAnswersHeldAndConnectionsOpen() throws Exception {
    get("/first");
    cut.delay(Duration.ofMinutes(5));
    CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> quietGet("/held"));
    try (Socket idle = connect()) {
      awaitTrue("two connections", () -> cut.openConnections() >= 2);
      awaitTrue("threads running", () -> cut.liveThreads() >= 5);
      String prefix = "fault-proxy-" + cut.port() + "-";

      Duration took = timed(cut::close);

      assertEquals(0, cut.liveThreads());
      assertTrue(
          Thread.getAllStackTraces().keySet().stream()
              .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive()),
          "a thread of the proxy is still alive");
      assertTrue(took.compareTo(Duration.ofMinutes(1)) < 0, "close took " + took);
      assertEquals(0, cut.openConnections());
      assertThrows(
          Exception.class, () -> held.get(GENEROUS.toSeconds(), TimeUnit.SECONDS), "never held");
    }
  }

  private String quietGet(String path) {
    try {
      return get(path);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void closeIsFinalAndRepeatable() throws Exception {
    cut.close();
    cut.close();

    assertThrows(IllegalStateException.class, cut::pass);
    assertThrows(IllegalStateException.class, () -> cut.delay(Duration.ofSeconds(1)));
    assertThrows(IllegalStateException.class, cut::refuse);
    assertThrows(ConnectException.class, this::connect);
  }

  @Test
  void aNegativeDelayIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> cut.delay(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> cut.delay(null));
    assertEquals(FaultProxy.Mode.PASS, cut.mode());
  }
}
