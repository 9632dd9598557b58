/**
 * A one-resource WAR deployed beside ours in the benchmark: what the server itself costs per
 * request, against which a ticket's cost is a ratio.
 */
package org.s3directupload.bench.floor;
