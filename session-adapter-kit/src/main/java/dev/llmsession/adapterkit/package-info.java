/**
 * What every discovery adapter needs, written once: {@link dev.llmsession.adapterkit.JsonlTail} (append-only JSONL
 * read from a byte offset, with the partial-line rule), {@link dev.llmsession.adapterkit.Json} (streaming field
 * walks that never build a tree), {@link dev.llmsession.adapterkit.IndexedFiles} (per-file parser state kept
 * through the core {@code TranscriptIndex} with one versioned {@link dev.llmsession.adapterkit.StateCodec}),
 * {@link dev.llmsession.adapterkit.ProcessMatcher} (live processes to sessions by working directory and start
 * time), {@link dev.llmsession.adapterkit.SessionBuilder}, {@link dev.llmsession.adapterkit.Call} (usage-ledger
 * rows) and {@link dev.llmsession.adapterkit.PriceTable} (dated prices; unknown models cost "?", never 0).
 * Read-only by construction: nothing here opens a file for writing.
 */
package dev.llmsession.adapterkit;
