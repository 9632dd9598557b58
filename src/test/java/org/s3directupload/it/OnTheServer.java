package org.s3directupload.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against the built WAR on the server under test ({@link TheWar}), with the
 * embedded store beside it ({@link TestStore}). Fields {@code @ArquillianResource TheApp app} say
 * where the application is.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({TestStore.class, ArquillianExtension.class})
public @interface OnTheServer {}
