package org.s3directupload.it;

import java.net.URI;
import java.net.URL;

/**
 * Where the server under test serves the WAR, on loopback: Payara Micro reports the machine's
 * address, and the browser must use 127.0.0.1 so that its local-network rules allow the PUT to the
 * loopback store. Injected into a test as {@code @ArquillianResource TheApp app}.
 *
 * @param base the application's root, ending in {@code /}
 */
public record TheApp(URI base) {

  static TheApp from(URL reported) {
    String path = reported.getPath().endsWith("/") ? reported.getPath() : reported.getPath() + "/";
    return new TheApp(URI.create("http://127.0.0.1:" + reported.getPort() + path));
  }

  /** An address of the application, e.g. {@code api/uploads}. */
  public URI resolve(String path) {
    return base.resolve(path);
  }

  /** {@code POST /api/uploads}, where tickets are asked for. */
  public URI uploads() {
    return resolve("api/uploads");
  }

  @Override
  public String toString() {
    return base.toString();
  }
}
