/**
 * The ground floor for words: how sizes and spans of time are written for people, the same in every
 * message, page and log line.
 */
package org.s3directupload.words;
