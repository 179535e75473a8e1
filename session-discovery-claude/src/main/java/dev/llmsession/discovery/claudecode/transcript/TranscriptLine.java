package dev.llmsession.discovery.claudecode.transcript;

import java.time.Instant;
import java.util.List;

/**
 * What one JSONL line says, reduced to the fields the metrics need. Strings that may be huge are kept
 * only as short prefixes. Absent values are null (or false / -1).
 *
 * @param type               {@code type}
 * @param subtype            {@code subtype} (system lines)
 * @param timestamp          {@code timestamp}, or null
 * @param sessionId          {@code sessionId}
 * @param cwd                {@code cwd}
 * @param gitBranch          {@code gitBranch}
 * @param version            {@code version}
 * @param sidechain          {@code isSidechain}
 * @param meta               {@code isMeta}
 * @param apiErrorMessage    {@code isApiErrorMessage}
 * @param compactSummary     {@code isCompactSummary}
 * @param requestId          {@code requestId}
 * @param messageId          {@code message.id}
 * @param model              {@code message.model}
 * @param stopReason         {@code message.stop_reason}
 * @param usage              {@code message.usage}, or null
 * @param textPrefix         the start of the first text of the message (string content or first text block), on
 *                           user lines and failed turns ({@code isApiErrorMessage}); null on other lines
 * @param blockTypes         types of the content blocks, in order
 * @param toolUseIds         ids of {@code tool_use} blocks
 * @param toolResults        {@code tool_result} blocks
 * @param titleText          {@code customTitle}, {@code aiTitle} or {@code summary}, shortened
 * @param postTokens         {@code compactMetadata.postTokens}, or -1
 * @param preventedContinuation {@code preventedContinuation} of stop-hook summaries, or null
 * @param requestedModel     {@code requestedModel}: the session's model, which {@code message.model} may differ
 *                           from (a gateway answering with another model); null when absent
 */
public record TranscriptLine(String type, String subtype, Instant timestamp, String sessionId, String cwd,
        String gitBranch, String version, boolean sidechain, boolean meta, boolean apiErrorMessage,
        boolean compactSummary, String requestId, String messageId, String model, String stopReason, Usage usage,
        String textPrefix, List<String> blockTypes, List<String> toolUseIds, List<ToolResult> toolResults,
        String titleText, long postTokens, Boolean preventedContinuation, String requestedModel) {

    public TranscriptLine {
        blockTypes = List.copyOf(blockTypes);
        toolUseIds = List.copyOf(toolUseIds);
        toolResults = List.copyOf(toolResults);
    }

    /** A line without {@code requestedModel}. */
    public TranscriptLine(String type, String subtype, Instant timestamp, String sessionId, String cwd,
            String gitBranch, String version, boolean sidechain, boolean meta, boolean apiErrorMessage,
            boolean compactSummary, String requestId, String messageId, String model, String stopReason, Usage usage,
            String textPrefix, List<String> blockTypes, List<String> toolUseIds, List<ToolResult> toolResults,
            String titleText, long postTokens, Boolean preventedContinuation) {
        this(type, subtype, timestamp, sessionId, cwd, gitBranch, version, sidechain, meta, apiErrorMessage,
                compactSummary, requestId, messageId, model, stopReason, usage, textPrefix, blockTypes, toolUseIds,
                toolResults, titleText, postTokens, preventedContinuation, null);
    }

    public boolean is(String wantedType) {
        return wantedType.equals(type);
    }

    public boolean isSystem(String wantedSubtype) {
        return "system".equals(type) && wantedSubtype.equals(subtype);
    }

    /** A model-generated placeholder or failed turn rather than a billed call. */
    public boolean synthetic() {
        return apiErrorMessage || "<synthetic>".equals(model);
    }

    /**
     * Token fields of {@code message.usage}.
     *
     * @param input          {@code input_tokens}
     * @param output         {@code output_tokens}
     * @param cacheWriteFlat {@code cache_creation_input_tokens}
     * @param cacheWrite5m   {@code cache_creation.ephemeral_5m_input_tokens}
     * @param cacheWrite1h   {@code cache_creation.ephemeral_1h_input_tokens}
     * @param cacheRead      {@code cache_read_input_tokens}
     * @param speed          {@code speed}, or null
     */
    public record Usage(long input, long output, long cacheWriteFlat, long cacheWrite5m, long cacheWrite1h,
            long cacheRead, String speed) {

        /** A field present but not a usable count. */
        public static final long INVALID = -1;
        /**
         * The largest count read as one (2^40, a million times any context window): a call's four classes then
         * sum far below 2^63, and so do the calls of any real history.
         */
        public static final long MAX_COUNT = 1L << 40;

        /** Whether every field present was a count (absent fields are 0, as Claude Code omits zero classes). */
        public boolean valid() {
            return input >= 0 && output >= 0 && cacheWriteFlat >= 0 && cacheWrite5m >= 0 && cacheWrite1h >= 0
                    && cacheRead >= 0;
        }
    }

    /**
     * A {@code tool_result} block.
     *
     * @param toolUseId {@code tool_use_id}
     * @param error     {@code is_error}
     */
    public record ToolResult(String toolUseId, boolean error) {
    }
}
