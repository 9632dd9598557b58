package org.s3directupload.it;

import java.io.File;
import java.lang.annotation.Annotation;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.DeploymentConfiguration;
import org.jboss.arquillian.container.test.impl.enricher.resource.URLResourceProvider;
import org.jboss.arquillian.container.test.spi.client.deployment.AutomaticDeployment;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR exactly as {@code mvn package} built it, deployed for every Arquillian test class that
 * declares no deployment of its own (as a client: the tests call it over HTTP), the {@link TheApp}
 * resource that tells a test where it is served, and, for Payara Micro, the container that starts
 * it once per run ({@link PayaraMicroOnce}).
 */
public final class TheWar implements LoadableExtension {

  /** The built WAR, unchanged: the tests deploy what operators deploy. */
  public static WebArchive built() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
  }

  @Override
  public void register(ExtensionBuilder builder) {
    builder.service(ResourceProvider.class, Locate.class);
    if ("payara-micro".equals(System.getProperty("it.runtime"))) {
      builder.service(DeployableContainer.class, PayaraMicroOnce.class);
    }
  }

  /**
   * Deploys {@link #built()}, not testable, to classes without a {@code @Deployment} method (found
   * through {@code META-INF/services}, as Arquillian looks automatic deployments up).
   */
  public static final class Deploy implements AutomaticDeployment {

    @Override
    public DeploymentConfiguration generateDeploymentScenario(TestClass testClass) {
      if (testClass.getMethods(Deployment.class).length > 0) {
        return null;
      }
      return new DeploymentConfiguration.DeploymentContentBuilder(built())
          .withDeployment()
          .withTestable(false)
          .build()
          .get();
    }
  }

  /** Provides {@code @ArquillianResource TheApp}: the deployment's URL, on loopback. */
  public static final class Locate extends URLResourceProvider {

    @Override
    public boolean canProvide(Class<?> type) {
      return TheApp.class.isAssignableFrom(type);
    }

    @Override
    public Object doLookup(ArquillianResource resource, Annotation... qualifiers) {
      Object url = super.doLookup(resource, qualifiers);
      return url == null ? null : TheApp.from((java.net.URL) url);
    }
  }
}
