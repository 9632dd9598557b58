/** Per-person limits on tickets and declared bytes, counted in a database every instance shares. */
package org.s3directupload.limits;
