/**
 * The development default store and the launcher of the README's run command: S3Proxy in memory
 * with real SigV2/SigV4 checks, its bucket and CORS rule derived from the same settings the
 * application signs with, and Payara Micro started beside it; and {@code FaultProxy}, which puts a
 * store or an application that is down, slow or restarting in front of tests and the benchmark.
 * Test scope only: none of it reaches the WAR.
 */
package org.s3directupload.devstore;
