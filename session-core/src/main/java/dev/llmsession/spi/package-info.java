/**
 * Outbound ports and the provider contracts adapters implement: published and versioned by
 * {@link dev.llmsession.spi.SpiVersion}. Types here take and return {@code model} records only.
 */
package dev.llmsession.spi;
