/**
 * The {@code tokens} command's file side: which files a tree holds once {@code .gitignore} rules are applied,
 * and the optional byte-pair tokenizers (jtokkit). Counting and caching are the core's
 * ({@code LlmSessions.fileTokens}).
 */
package dev.llmsession.cli.tokens;
