/**
 * The OpenMetrics {@code /metrics} endpoint (Prometheus' Java client): this machine's live sessions as gauges, for
 * teams that scrape. Hosted by {@code llm-session team metrics --listen}, and by an engine that wants it.
 */
package dev.llmsession.cli.metrics;
