/**
 * The {@code upload.*} settings: read once from MicroProfile Config, converted to typed values and
 * checked at start-up, so a wrong value stops the deployment with a message that names its key
 * instead of failing later in a signed URL.
 */
package org.s3directupload.config;
