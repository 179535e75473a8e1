/**
 * OpenCode discovery adapter: sessions and their assistant messages in {@code opencode.db} (SQLite, WAL mode,
 * since 1.2; read read-only with its WAL), one API call per assistant message with the tokens and the cost the
 * client recorded (stored normalised: uncached input, output without reasoning), context from the last call
 * against the model's window (not recorded: assumed), usage rows and live processes. Built on the adapter kit;
 * strictly read-only. Entry point: {@link dev.llmsession.discovery.opencode.OpenCodeDiscoveryProvider}.
 */
package dev.llmsession.discovery.opencode;
