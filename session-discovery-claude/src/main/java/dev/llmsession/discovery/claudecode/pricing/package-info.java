/**
 * Model knowledge: id normalisation, context-window classes and the embedded, dated price table
 * ({@code claude-prices.json}, data rather than code).
 */
package dev.llmsession.discovery.claudecode.pricing;
