/**
 * The resident engine ({@code llm-session daemon}): one process per world that keeps the library (index, memos,
 * process reader) warm and runs the launcher's commands in-process over a Unix-domain socket, plus starting one
 * in the background.
 */
package dev.llmsession.cli.engine;
