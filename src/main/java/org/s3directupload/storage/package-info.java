/**
 * The application's S3 clients: one credentials provider, one presigner and one client for the
 * whole application, built from the settings and closed when it stops.
 */
package org.s3directupload.storage;
