package org.s3directupload.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server that accepts every connection and never answers: what a client sees of a
 * store that is up but stuck. Its connections stay open until it is closed; one daemon thread
 * accepts, and ends on close.
 */
public final class SilentServer implements AutoCloseable {

  private final ServerSocket listener;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private SilentServer(ServerSocket listener) {
    this.listener = listener;
    this.acceptor = new Thread(this::accept, "silent-server-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts on a free loopback port. */
  public static SilentServer start() throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new SilentServer(listener);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI httpAddress() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** How many connections it has accepted. */
  public int connections() {
    return accepted.size();
  }

  private void accept() {
    while (true) {
      try {
        accepted.add(listener.accept());
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws Exception {
    listener.close();
    for (Socket socket : accepted) {
      socket.close();
    }
    acceptor.join(5_000);
  }
}
