package dev.llmsession.discovery.claudecode.transcript;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Everything one transcript file contributes to its session's figures. Immutable.
 *
 * @param path               the file
 * @param size               its size when it was opened (0 when unreadable)
 * @param modified           its modification time, or null when unreadable
 * @param completeBytes      byte offset just after the last complete line (where an incremental read resumes)
 * @param usage              usage records, de-duplicated within the file by key keeping the largest
 *                           (timestamp = the key's first line); records without message id are kept as they are
 * @param firstTimestamp     earliest line timestamp, or null
 * @param lastTimestamp      latest line timestamp, or null
 * @param context            context after the latest main-chain call or compaction, in file order
 * @param contextModel       model of the call {@code context} came from, or null
 * @param compactedLast      a compaction boundary is more recent than every main-chain call
 * @param maxContext         the largest main-chain context seen in the file (proves a 1M window when above 200k)
 * @param model              model of the latest non-synthetic main-chain call, or null
 * @param apiErrorTimes      one timestamp per failed-API incident
 * @param toolErrors         tool_use id to the time of its failed result (null when the line had no time)
 * @param interruptTimes     one timestamp per user interrupt
 * @param signal             the last meaningful main-chain line
 * @param cwd                latest non-empty {@code cwd}, or null
 * @param gitBranch          latest non-empty {@code gitBranch}, or null
 * @param explicitTitle      latest custom / AI title or summary, or null
 * @param firstPrompt        first human prompt (shortened), or null
 * @param version            latest Claude Code version, or null
 * @param sessionId          first {@code sessionId}, or null
 * @param malformedLines     complete lines that were not a JSON object
 * @param linesWithoutKey    usage lines without a message id
 * @param partialTailBytes   bytes after the last newline (ignored)
 * @param hugeLines          lines parsed straight from the file because they exceeded the line buffer
 * @param unreadable         the file vanished, shrank or failed while being read
 */
public record FileSummary(Path path, long size, Instant modified, long completeBytes, List<UsageRecord> usage,
        Instant firstTimestamp, Instant lastTimestamp, OptionalLong context, String contextModel,
        boolean compactedLast, long maxContext, String model, List<Instant> apiErrorTimes,
        Map<String, Instant> toolErrors, List<Instant> interruptTimes, StateSignal signal, String cwd,
        String gitBranch, String explicitTitle, String firstPrompt, String version, String sessionId,
        long malformedLines, long linesWithoutKey, long partialTailBytes, long hugeLines, boolean unreadable) {

    public FileSummary {
        usage = List.copyOf(usage);
        apiErrorTimes = List.copyOf(apiErrorTimes);
        toolErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(toolErrors));
        interruptTimes = List.copyOf(interruptTimes);
    }
}
