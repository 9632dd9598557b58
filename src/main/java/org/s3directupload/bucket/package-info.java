/**
 * Making the bucket agree with the application, and explaining in plain words when it does not: the
 * bucket documents (CORS rule, policy, default encryption, public-access block, the lifecycle rule
 * that aborts unfinished multipart uploads) derived from the same settings the signer uses,
 * applying them, and a doctor that checks the live bucket the way a browser and S3 will see it.
 */
package org.s3directupload.bucket;
