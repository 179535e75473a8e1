/**
 * Contract tests for adapter and plugin authors. Extend {@link dev.llmsession.testkit.SessionDiscoveryContract}
 * in your adapter's tests, lay out a home with your assistant's files, and the SPI's promises are checked against
 * your real adapter: provider shape, no work in the constructor, read-only, vanishing and damaged files
 * tolerated, ids prefixed, stable results.
 */
package dev.llmsession.testkit;
