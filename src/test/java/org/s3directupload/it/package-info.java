/**
 * Integration tests across process boundaries: the real WAR on Payara Micro (Arquillian), a real
 * S3-compatible store checking signatures (S3Proxy), and a real browser (headless Chromium).
 */
package org.s3directupload.it;
