/**
 * The upload page: renders the form with the same limits the server enforces, so the browser can
 * refuse a file early and say why, then hands over to the page's JS module.
 */
package org.s3directupload.upload;
