/**
 * The ground floor for errors: the one JSON error shape and the list of its machine codes, used by
 * every exception mapper, filter and error page so that a browser or script never sees an HTML
 * error page or a stack trace from the API.
 */
package org.s3directupload.errors;
