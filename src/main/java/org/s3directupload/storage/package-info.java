/**
 * The store: where uploads go and how they are encrypted ({@code upload.bucket}, {@code
 * upload.region}, {@code upload.endpoint}, {@code upload.path-style}, {@code upload.sse*}), how
 * long the application waits for it ({@code upload.store-timeout}), and the application's S3
 * clients — one credentials provider, one presigner and one client, built from those settings and
 * closed when the application stops.
 */
package org.s3directupload.storage;
