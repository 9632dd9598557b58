/**
 * JSON-P's factories on one provider looked up once ({@link org.s3directupload.json.Jsons}); a
 * ground floor that uses nothing of ours.
 */
package org.s3directupload.json;
