/**
 * What every response of the application carries: the security headers that keep the page's
 * scripts, frames and referrers narrow, derived from the settings where they must name the store.
 */
package org.s3directupload.web;
