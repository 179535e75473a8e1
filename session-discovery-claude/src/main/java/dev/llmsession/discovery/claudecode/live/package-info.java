/**
 * Live Claude Code sessions: the process registry ({@code <root>/sessions/<pid>.json}), recognising
 * {@code claude} processes in the process table, and mapping a working directory to its project directory.
 */
package dev.llmsession.discovery.claudecode.live;
