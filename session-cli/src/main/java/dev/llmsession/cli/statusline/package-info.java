/**
 * Claude Code's status line: the files in llm-session's data directory that the status-line command and its
 * POSIX-sh wrapper share (the payload spool, health lines, the awk renderer and its settings), and the one
 * careful edit of Claude Code's {@code settings.json} that {@code integrate claude} makes and undoes.
 */
package dev.llmsession.cli.statusline;
