/**
 * Who is asking: the identity stores (built-in users, LDAP), the authentication mechanism (sign-in
 * form and HTTP Basic), the roles, and the person's own segment of the key space.
 */
package org.s3directupload.identity;
