/**
 * Claude Code discovery adapter: finds the configuration roots, lists transcripts and live processes,
 * assembles each session's figures from its main transcript and sub-agent files (SPEC §4 counting rules)
 * and decides its activity state. Strictly read-only on Claude Code's files. Entry point:
 * {@link dev.llmsession.discovery.claudecode.ClaudeCodeDiscoveryProvider}.
 */
package dev.llmsession.discovery.claudecode;
