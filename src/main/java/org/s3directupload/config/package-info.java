/**
 * The ground floor for settings: reading {@code upload.*} values from MicroProfile Config (or, for
 * tools, the environment) and converting each once, so that a wrong value stops start-up with a
 * message that names its key. Each feature owns its keys and its settings record; this package
 * knows none of them.
 */
package org.s3directupload.config;
