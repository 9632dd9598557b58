/**
 * Per-person limits on tickets and declared bytes ({@code upload.limits.*}), counted in a database
 * every instance shares, and answered with 429 and {@code Retry-After} when used up.
 */
package org.s3directupload.limits;
