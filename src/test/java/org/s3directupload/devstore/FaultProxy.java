package org.s3directupload.devstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of a target (the store, or the application) that misbehaves on
 * demand, for tests and the benchmark's fault scenarios: a target that is down, slow, or restarting
 * in the middle of an upload. Point the client at {@link #port()} instead of the target, then
 * switch modes from any thread while traffic flows:
 *
 * <ul>
 *   <li>{@link #pass()}: bytes go both ways untouched (the mode it starts in).
 *   <li>{@link #delay(Duration)}: each answer is held for that long before it is forwarded: the
 *       first bytes the target sends on a new connection, and the first it sends after each time
 *       the client has sent something, so on a kept-alive HTTP connection every response waits
 *       once, not every packet of it. Requests go through at once. Holds end early when the mode
 *       changes or the connection closes; a new {@code delay} applies to holds under way.
 *   <li>{@link #refuse()}: the listening socket is closed and every open connection is reset at
 *       once, so clients see "connection refused" for new connections and "connection reset" on
 *       open ones, as when a server dies. {@code pass()} or {@code delay()} listen again on the
 *       same port, as a restarted server would.
 * </ul>
 *
 * <p>It listens on a free loopback port below the system's ephemeral ports, so that no outgoing
 * connection can take the port while the proxy refuses. Plain blocking sockets and platform
 * threads, all daemons named {@code fault-proxy-<port>-…}: one that accepts while the proxy
 * listens, and two per open connection, one each way. At most {@link #MAX_CONNECTIONS} connections
 * are open at once; one more is reset as soon as it is accepted. {@link #close()} closes every
 * socket and waits until every thread has ended.
 */
public final class FaultProxy implements AutoCloseable {

  /** The most connections open at once; so at most twice as many threads, plus one. */
  public static final int MAX_CONNECTIONS = 256;

  /** How long opening a connection to the target may take before the client's is reset. */
  static final Duration TARGET_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long {@link #close()} waits for the threads to end; they end at once in practice. */
  static final Duration THREADS_END_WITHIN = Duration.ofSeconds(10);

  /** The lowest port the proxy listens on: above the ports well-known services tend to use. */
  static final int LOWEST_PORT = 20_000;

  private static final int BUFFER = 16 * 1024;

  /** What the proxy does with traffic. */
  public enum Mode {
    PASS,
    DELAY,
    REFUSE
  }

  private final InetSocketAddress target;
  private final int port;

  /** Held while the mode changes, so that one change is complete before the next begins. */
  private final Object switching = new Object();

  /** Guards the mode, the listening socket and the start of threads; holds wait on it. */
  private final Object lock = new Object();

  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong threadCount = new AtomicLong();

  // guarded by lock
  private Mode mode = Mode.PASS;
  private Duration hold = Duration.ZERO;
  private ServerSocket listener;
  private Thread acceptor;
  private boolean closed;

  private FaultProxy(InetSocketAddress target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
    this.port = listener.getLocalPort();
  }

  /**
   * Starts a proxy on a free loopback port, passing traffic to {@code host:port}.
   *
   * @throws IOException when no port can be opened
   */
  public static FaultProxy start(String host, int port) throws IOException {
    return start(new InetSocketAddress(host, port));
  }

  /**
   * Starts a proxy on a free loopback port, passing traffic to the host and port of an {@code http}
   * or {@code https} address such as a store's endpoint (its default port when it names none).
   */
  public static FaultProxy start(URI target) throws IOException {
    int port = target.getPort();
    if (port < 0) {
      port = "https".equals(target.getScheme()) ? 443 : 80;
    }
    return start(target.getHost(), port);
  }

  /** Starts a proxy on a free loopback port, passing traffic to {@code target}. */
  public static FaultProxy start(InetSocketAddress target) throws IOException {
    FaultProxy proxy = new FaultProxy(target, listenOutsideEphemeralPorts());
    synchronized (proxy.lock) {
      proxy.startAccepting(proxy.listener);
    }
    return proxy;
  }

  /** The loopback port clients connect to; the same for the proxy's whole life. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}: an endpoint for clients of an HTTP target. */
  public URI httpAddress() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Forwards traffic untouched; listens again if it was refusing. */
  public void pass() {
    switchTo(Mode.PASS, Duration.ZERO);
  }

  /**
   * Holds each answer for {@code hold} (see the class description); listens again if it was
   * refusing.
   */
  public void delay(Duration hold) {
    if (hold == null || hold.isNegative()) {
      throw new IllegalArgumentException("A delay must be zero or more, not " + hold);
    }
    switchTo(Mode.DELAY, hold);
  }

  /**
   * Refuses new connections and resets every open one, at once; returns once the port is closed.
   */
  public void refuse() {
    synchronized (switching) {
      ServerSocket closing;
      Thread accepting;
      List<Connection> open;
      synchronized (lock) {
        requireOpen();
        mode = Mode.REFUSE;
        closing = listener;
        accepting = acceptor;
        listener = null;
        acceptor = null;
        open = new ArrayList<>(connections);
        lock.notifyAll();
      }
      stopListening(closing, accepting);
      open.forEach(Connection::reset);
    }
  }

  /**
   * Closes the listening socket and waits for its accepting thread to end: a socket closed while a
   * thread is blocked in {@code accept} is released only when that thread leaves it (measured:
   * without the wait, the port still accepted connections, and could not be listened on again, just
   * after {@code close}).
   */
  private static void stopListening(ServerSocket socket, Thread accepting) {
    closeQuietly(socket);
    if (accepting != null) {
      try {
        accepting.join(THREADS_END_WITHIN.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The current mode. */
  public Mode mode() {
    synchronized (lock) {
      return mode;
    }
  }

  /** How many connections are open now. */
  public int openConnections() {
    return connections.size();
  }

  /** How many connections the proxy has accepted since it started, refused ones included. */
  public long acceptedConnections() {
    return accepted.get();
  }

  /** The proxy's threads still alive; none once {@link #close()} has returned. */
  public int liveThreads() {
    return (int) threads.stream().filter(Thread::isAlive).count();
  }

  /**
   * Stops listening, closes every connection and waits until every thread of the proxy has ended.
   *
   * @throws IllegalStateException when a thread is still alive after {@link #THREADS_END_WITHIN}
   */
  @Override
  public void close() {
    synchronized (switching) {
      closeOnce();
    }
  }

  private void closeOnce() {
    ServerSocket closing;
    Thread accepting;
    List<Connection> open;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      closing = listener;
      accepting = acceptor;
      listener = null;
      acceptor = null;
      open = new ArrayList<>(connections);
      lock.notifyAll();
    }
    stopListening(closing, accepting);
    open.forEach(Connection::close);
    long deadline = System.nanoTime() + THREADS_END_WITHIN.toNanos();
    for (Thread thread : List.copyOf(threads)) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (liveThreads() > 0) {
      throw new IllegalStateException(
          "FaultProxy on port " + port + " left " + liveThreads() + " threads running");
    }
  }

  private void switchTo(Mode next, Duration nextHold) {
    synchronized (switching) {
      synchronized (lock) {
        requireOpen();
        if (listener == null) {
          try {
            listener = listen(port);
          } catch (IOException e) {
            throw new UncheckedIOException(
                "FaultProxy cannot listen on port " + port + " again", e);
          }
          startAccepting(listener);
        }
        mode = next;
        hold = nextHold;
        lock.notifyAll();
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("FaultProxy on port " + port + " is closed");
    }
  }

  /**
   * A listening socket on a free port below the ports the system hands out to outgoing connections
   * (Linux: {@code ip_local_port_range}, from 32768 unless configured). A port chosen by the system
   * (port 0) comes from that range, so while the proxy refuses, any outgoing connection on the
   * machine could be given it, and {@code pass()} could not listen on it again.
   */
  private static ServerSocket listenOutsideEphemeralPorts() throws IOException {
    int below = firstEphemeralPort();
    if (below - LOWEST_PORT >= 1000) {
      for (int attempt = 0; attempt < 100; attempt++) {
        int port = LOWEST_PORT + ThreadLocalRandom.current().nextInt(below - LOWEST_PORT);
        try {
          return listen(port);
        } catch (BindException taken) {
          // another server listens there: try another port
        }
      }
    }
    return listen(0);
  }

  /** The first port the system hands out to outgoing connections. */
  static int firstEphemeralPort() {
    try {
      // not readString: it reads /proc files, which report a size of 0, only in part (measured)
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
      return Integer.parseInt(range.strip().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768; // Linux's default; macOS and Windows start higher still
    }
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true); // a restarted server takes its port back at once
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Starts the thread that accepts on {@code socket} until it closes; call holding the lock. */
  private void startAccepting(ServerSocket socket) {
    acceptor = newThread("accept", () -> accept(socket));
  }

  private void accept(ServerSocket socket) {
    while (true) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // closed by refuse() or close()
      }
      accepted.incrementAndGet();
      synchronized (lock) {
        if (closed || mode == Mode.REFUSE || connections.size() >= MAX_CONNECTIONS) {
          resetQuietly(client);
          continue;
        }
        Connection connection = new Connection(client);
        connections.add(connection);
        newThread("up", connection::forwardRequests);
      }
    }
  }

  /** A thread of this proxy, daemon and named, tracked until it ends; call holding the lock. */
  private Thread newThread(String role, Runnable work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
              } finally {
                threads.remove(Thread.currentThread());
              }
            },
            "fault-proxy-" + port + "-" + role + "-" + threadCount.incrementAndGet());
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
    return thread;
  }

  /**
   * Waits while an answer is to be held: until {@code since} (when it arrived) plus the current
   * delay, or until the mode is no longer {@code DELAY}, the connection closes or the proxy does.
   */
  private void holdAnswer(Connection connection, long since) throws InterruptedException {
    synchronized (lock) {
      while (mode == Mode.DELAY && !closed && !connection.isClosed()) {
        long left = since + hold.toNanos() - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // closing only releases the socket; nothing is left to do
    }
  }

  /** Closes with a TCP reset rather than an orderly end, as a crashed process's sockets do. */
  private static void resetQuietly(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // already closed: nothing to reset
    }
    closeQuietly(socket);
  }

  /** One client connection and its connection to the target, forwarded by two threads. */
  private final class Connection {

    private final Socket client;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean answerDue = new AtomicBoolean(true);
    private volatile Socket upstream;
    private int directionsDone;

    Connection(Socket client) {
      this.client = client;
    }

    boolean isClosed() {
      return closed.get();
    }

    /** Client to target: connects, starts the other direction, then copies until either ends. */
    void forwardRequests() {
      Socket socket = new Socket();
      upstream = socket; // before connecting, so that close() can end a connect under way
      try {
        socket.connect(target, (int) TARGET_CONNECT_TIMEOUT.toMillis());
      } catch (IOException e) {
        reset(); // the target is down: the client sees its connection reset
        return;
      }
      synchronized (lock) {
        if (closed.get() || FaultProxy.this.closed) {
          close();
          return;
        }
        newThread("down", this::forwardAnswers);
      }
      // the streams are not closed on their own: that would close the socket, and the other
      // direction may still be under way after this one has ended
      try {
        InputStream in = client.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (read > 0) {
            // before the write: the target's answer may arrive before this thread runs again
            answerDue.set(true);
            out.write(buffer, 0, read);
            out.flush();
          }
        }
        socket.shutdownOutput();
        directionDone();
      } catch (IOException e) {
        close();
      }
    }

    /** Target to client, holding each answer while the proxy delays. */
    void forwardAnswers() {
      try {
        InputStream in = upstream.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buffer = new byte[BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (read > 0) {
            if (answerDue.getAndSet(false)) {
              holdAnswer(this, System.nanoTime());
            }
            out.write(buffer, 0, read);
            out.flush();
          }
        }
        client.shutdownOutput();
        directionDone();
      } catch (IOException e) {
        close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
      }
    }

    /** Once both directions have ended in order, the connection is over. */
    private void directionDone() {
      boolean both;
      synchronized (this) {
        both = ++directionsDone == 2;
      }
      if (both) {
        close();
      }
    }

    /** Resets both sockets: the client sees "connection reset". */
    void reset() {
      resetQuietly(client);
      resetQuietly(upstream);
      close();
    }

    void close() {
      if (closed.compareAndSet(false, true)) {
        closeQuietly(client);
        closeQuietly(upstream);
        connections.remove(this);
        synchronized (lock) {
          lock.notifyAll(); // ends a hold under way
        }
      }
    }
  }
}
