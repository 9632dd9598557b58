/**
 * Integration tests that start what they need themselves instead of deploying through Arquillian (a
 * Payara Micro with a broken setting, a moto server), and those of what only Payara Micro offers
 * here ({@code /openapi}). They do not depend on the runtime under test, so only the default
 * profile runs them.
 */
package org.s3directupload.it.standalone;
