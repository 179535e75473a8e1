/**
 * Claude Code conversations as events for {@code llm-session logs}: a follower that reads the complete lines
 * appended to a main transcript, and a streaming parse of one line into prompts, replies, tool calls and results,
 * errors and compactions. Separate from the counting readers of {@code transcript}, whose byte helpers it reuses.
 */
package dev.llmsession.discovery.claudecode.events;
