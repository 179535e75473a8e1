/**
 * The resident engine ({@code llm-session daemon}): one process per world that keeps the library (index, memos,
 * process reader) warm and runs the launcher's commands in-process over a Unix-domain socket, plus starting one
 * in the background; subscribed monitors are pushed snapshots of their refreshes.
 */
package dev.llmsession.cli.engine;
