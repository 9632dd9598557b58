/**
 * What guards and frames every request and response of the web application: the origins it is
 * served from ({@code upload.allowed-origins}), the cross-site checks (Sec-Fetch-Site, Origin and
 * the page token), the security headers (CSP naming the store, no referrer, no framing), the
 * session cookie's attributes, the way to the upload page from the root, and the 403 page.
 */
package org.s3directupload.web;
