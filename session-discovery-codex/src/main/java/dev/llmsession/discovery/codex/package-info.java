/**
 * OpenAI Codex CLI discovery adapter: rollouts under {@code $CODEX_HOME/sessions/YYYY/MM/DD/} and
 * {@code archived_sessions/}, tokens from the running totals of {@code token_count} events (re-sent events and a
 * fork's replayed history never count twice), context from the last call and {@code model_context_window}, the
 * rate-limit windows Codex records, cost from a dated OpenAI price table, usage rows for every {@code usage}
 * report and conversation export. Built on the adapter kit; strictly read-only. Entry point:
 * {@link dev.llmsession.discovery.codex.CodexDiscoveryProvider}.
 */
package dev.llmsession.discovery.codex;
