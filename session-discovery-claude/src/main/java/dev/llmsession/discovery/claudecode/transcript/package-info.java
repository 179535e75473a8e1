/**
 * Streaming reader of Claude Code JSONL transcripts: one file in, one immutable {@link
 * dev.llmsession.discovery.claudecode.transcript.FileSummary} out. Reading bytes ({@link
 * dev.llmsession.discovery.claudecode.transcript.TranscriptReader}), parsing one line ({@link
 * dev.llmsession.discovery.claudecode.transcript.LineParser}) and folding lines into a summary ({@link
 * dev.llmsession.discovery.claudecode.transcript.SummaryBuilder}) are separate so each can be tested alone.
 */
package dev.llmsession.discovery.claudecode.transcript;
