/**
 * The JSON API's frame: its root path and the one error shape, {@code {"error", "message"}}, for
 * every refusal and failure, so a browser or script never sees an HTML error page or a stack trace.
 */
package org.s3directupload.api;
