/**
 * The JSON API's frame: its root path, and the mappers for what no feature maps itself (errors the
 * JAX-RS runtime raises, and anything unexpected), so a browser or script never sees an HTML error
 * page or a stack trace. Each feature maps its own exceptions next to them.
 */
package org.s3directupload.api;
