package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed files of one session: its main transcript and its sub-agent files.
 *
 * @param sessionId the session id (the main file's name)
 * @param main      the main transcript
 * @param agents    sub-agent files (nested {@code subagents/} and old flat {@code agent-*.jsonl})
 */
record TranscriptSet(String sessionId, FileSummary main, List<FileSummary> agents) {

    TranscriptSet {
        agents = List.copyOf(agents);
    }

    /** Main file first. */
    List<FileSummary> files() {
        List<FileSummary> all = new ArrayList<>(agents.size() + 1);
        all.add(main);
        all.addAll(agents);
        return all;
    }

    /** When the main file was last written: its latest entry, else its mtime (rule 5 orders by this). */
    Instant mainLastEntry() {
        if (main.lastTimestamp() != null) {
            return main.lastTimestamp();
        }
        return main.modified() != null ? main.modified() : Instant.EPOCH;
    }
}
