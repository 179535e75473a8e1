/**
 * An llm-session discovery adapter for the OpenAI Codex CLI, shipped as a plugin jar: reads
 * {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl} (read-only, appended bytes only), counts tokens as changes
 * of the running {@code total_token_usage}, and ties sessions to running {@code codex} processes by working
 * directory and start time. It depends on the llm-session SPI only; its Jackson is relocated inside the jar.
 */
package dev.llmsession.examples.codex;
