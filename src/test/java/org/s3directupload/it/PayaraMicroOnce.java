package org.s3directupload.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.s3directupload.devstore.PayaraMicro;

/**
 * An Arquillian container for Payara Micro that starts it once per test run: the first deployment
 * starts Payara Micro with the archive (the way Payara Micro deploys, and the way operators run
 * it), later deployments of the same archive reuse it, another archive restarts it. Payara Micro's
 * own Arquillian adapter starts a new server for every test class, which cost a start (15 s on an
 * idle machine, a minute on a busy one) per class.
 *
 * <p>Like a full server, the application then keeps its state from one test class to the next
 * (sessions, the sign-in throttle, the limits' database), as it does on WildFly, GlassFish and Open
 * Liberty, whose server also runs once per test run.
 */
public final class PayaraMicroOnce implements DeployableContainer<PayaraMicroOnce.Settings> {

  /** The container's settings in arquillian.xml. */
  public static final class Settings implements ContainerConfiguration {

    private String microJar;
    private int httpPort;

    public void setMicroJar(String microJar) {
      this.microJar = microJar;
    }

    public void setHttpPort(int httpPort) {
      this.httpPort = httpPort;
    }

    @Override
    public void validate() throws ConfigurationException {
      if (microJar == null || !new File(microJar).isFile()) {
        throw new ConfigurationException("microJar must name the Payara Micro jar: " + microJar);
      }
      if (httpPort <= 0) {
        throw new ConfigurationException("httpPort must be a port: " + httpPort);
      }
    }
  }

  private Settings settings;
  private PayaraMicro micro;
  private byte[] running;
  private String contextRoot;

  @Override
  public Class<Settings> getConfigurationClass() {
    return Settings.class;
  }

  @Override
  public void setup(Settings settings) {
    this.settings = settings;
  }

  @Override
  public ProtocolDescription getDefaultProtocol() {
    return new ProtocolDescription("Local"); // the tests run as clients; nothing runs inside
  }

  @Override
  public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
    try {
      Path war = Files.createTempFile("arquillian-", "-" + archive.getName());
      archive.as(ZipExporter.class).exportTo(war.toFile(), true);
      byte[] bytes = Files.readAllBytes(war);
      if (micro == null || !micro.isAlive() || !java.util.Arrays.equals(bytes, running)) {
        stopMicro();
        contextRoot = "/" + archive.getName().replaceFirst("\\.war$", "");
        micro =
            PayaraMicro.start(
                Path.of(settings.microJar), war, settings.httpPort, contextRoot, Map.of(), null);
        running = bytes;
        awaitDeployment();
      } else {
        Files.delete(war);
      }
    } catch (IOException e) {
      throw new DeploymentException("Could not start Payara Micro", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeploymentException("Interrupted while Payara Micro started", e);
    }
    return new ProtocolMetaData()
        .addContext(
            new HTTPContext("127.0.0.1", settings.httpPort)
                .add(new Servlet("default", contextRoot)));
  }

  /** Waits until Payara Micro is ready and the application answers. */
  private void awaitDeployment() throws DeploymentException, InterruptedException {
    if (!micro.awaitConsole(PayaraMicro.READY, PayaraMicro.START_TIMEOUT)) {
      throw new DeploymentException("Payara Micro did not start:\n" + micro.console());
    }
    URI signIn = URI.create("http://127.0.0.1:" + settings.httpPort + contextRoot + "/login.xhtml");
    try {
      int status =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(signIn).timeout(Duration.ofSeconds(60)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status != 200) {
        throw new DeploymentException(
            "The application did not deploy ("
                + signIn
                + " answered "
                + status
                + "):\n"
                + micro.console());
      }
    } catch (IOException e) {
      throw new DeploymentException("The application does not answer:\n" + micro.console(), e);
    }
  }

  /** The server keeps the application until the run ends or another archive comes. */
  @Override
  public void undeploy(Archive<?> archive) {}

  @Override
  public synchronized void stop() {
    stopMicro();
  }

  private void stopMicro() {
    if (micro != null) {
      try {
        micro.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      micro = null;
      running = null;
    }
  }
}
