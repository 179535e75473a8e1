/**
 * Gemini CLI discovery adapter: chats under {@code ~/.gemini/tmp/<project>/chats/} (JSONL since 0.39, whole-file
 * JSON before), one session per {@code sessionId} across the files a resume leaves, messages read by id (a
 * re-written or re-listed message never counts twice, and keeps the tokens a later copy lacks), tokens as the
 * client recorded them per API call, context from the last call against the model's window (not recorded: from a
 * table, marked assumed), cost from a dated price table, usage rows, live processes. Built on the adapter kit;
 * strictly read-only. Entry point: {@link dev.llmsession.discovery.gemini.GeminiDiscoveryProvider}.
 */
package dev.llmsession.discovery.gemini;
