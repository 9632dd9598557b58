/**
 * Who is asking: the identity settings ({@code upload.identity-store}, {@code upload.users}, {@code
 * upload.ldap.*}), the identity stores (built-in people, LDAP), the authentication mechanism
 * (sign-in form and HTTP Basic) with its session and page token, the roles, and each person's own
 * segment of the key space.
 */
package org.s3directupload.identity;
