/**
 * Every upload from its ticket to its verified object: the API ({@code /api/uploads}, and {@code
 * /api/admin/uploads} for administrators), a record per ticket written with the ticket's count, the
 * check of the stored object against the record when the page completes and by the sweeper when it
 * does not, and the pages (upload, "My uploads", all uploads) that show it to people.
 */
package org.s3directupload.uploads;
