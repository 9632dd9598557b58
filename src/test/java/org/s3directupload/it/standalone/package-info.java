/**
 * Integration tests that start what they need themselves instead of deploying through Arquillian (a
 * Payara Micro with a broken setting, a moto server). They do not depend on the runtime under test,
 * so only the default profile runs them.
 */
package org.s3directupload.it.standalone;
