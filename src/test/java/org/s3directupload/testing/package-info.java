/** Small tools the unit tests share. */
package org.s3directupload.testing;
