package org.s3directupload.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR exactly as {@code mvn package} built it, and where the server under test serves it. */
public final class TheWar {

  private TheWar() {}

  /** The built WAR, unchanged: the tests deploy what operators deploy. */
  public static WebArchive built() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
  }

  /**
   * The application's base URL on loopback. Payara Micro reports the machine's address; the browser
   * must use 127.0.0.1 so that its local-network rules allow the PUT to the loopback store.
   */
  public static URI onLoopback(URL reported) {
    return URI.create(
        "http://127.0.0.1:"
            + reported.getPort()
            + (reported.getPath().endsWith("/") ? reported.getPath() : reported.getPath() + "/"));
  }
}
