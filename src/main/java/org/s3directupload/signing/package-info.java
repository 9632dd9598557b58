/**
 * Turning a person's upload request into a signed ticket: checking the request against the
 * settings, choosing the object key, and signing a PUT that only works with exactly the headers the
 * ticket lists (content type, encryption, file name), so the store itself enforces what the server
 * decided.
 */
package org.s3directupload.signing;
