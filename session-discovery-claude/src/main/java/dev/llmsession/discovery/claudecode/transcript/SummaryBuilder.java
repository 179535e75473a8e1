package dev.llmsession.discovery.claudecode.transcript;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Folds parsed lines, in file order, into a {@link FileSummary}. Not thread-safe; one per file read. Resumable:
 * {@link #snapshot()} encodes everything the fold has accumulated, {@link #restore(byte[], boolean)} brings it
 * back, so folding lines [0, n) then, after a restore, lines [n, size) equals folding [0, size) at once.
 */
public final class SummaryBuilder implements LineFold {

    private static final Set<String> FINAL_STOP_REASONS = Set.of("end_turn", "stop_sequence", "max_tokens", "refusal");
    private static final List<String> NOT_A_PROMPT = List.of("<command-", "<local-command-", "<task-notification>",
            "<system-reminder>", "Caveat:", "[Request interrupted");
    private static final String INTERRUPT = "[Request interrupted by user";
    private static final int TITLE_CHARS = 80;

    final boolean sidechainFile;
    /** Calls by their 128-bit key: a huge session holds hundreds of thousands, so no string key per call. */
    final Map<CallKey, UsageRecord> byKey = new LinkedHashMap<>();
    final List<UsageRecord> keyless = new ArrayList<>();
    final List<Instant> apiErrors = new ArrayList<>();
    final Map<String, Instant> toolErrors = new LinkedHashMap<>();
    final List<Instant> interrupts = new ArrayList<>();
    Instant first;
    Instant last;
    Instant lastSeen;
    OptionalLong context = OptionalLong.empty();
    String contextModel;
    boolean compactedLast;
    long maxContext;
    String model;
    /** Inside a run of retry attempts that has been counted (ended by a call or a failed-turn line). */
    boolean retrying;
    StateSignal signal = StateSignal.NONE;
    String cwd;
    String gitBranch;
    String title;
    String firstPrompt;
    String version;
    String sessionId;
    long malformed;
    long withoutKey;
    long partialTail;
    long huge;
    long lineNumber;

    /** @param sidechainFile whether every line of the file is a sub-agent line (a sub-agent file) */
    public SummaryBuilder(boolean sidechainFile) {
        this.sidechainFile = sidechainFile;
    }

    /** One shared instance per model id: a huge file repeats the same few ids on every one of its calls. */
    static String canonicalModel(String model) {
        return model == null ? null : model.intern();
    }

    /** The version of {@link #snapshot()} bytes; it changes whenever what a summary holds changes. */
    public static final int STATE_VERSION = BuilderState.VERSION;

    /** The parser state as compact bytes (see {@link BuilderState}); the unterminated tail is not part of it. */
    public byte[] snapshot() {
        return snapshot(new byte[0]);
    }

    /** {@link #snapshot()} behind {@code prefix}, in one array (a huge file's state is not copied to be framed). */
    public byte[] snapshot(byte[] prefix) {
        return BuilderState.encode(this, prefix);
    }

    /**
     * A builder restored from {@link #snapshot()} bytes, or empty when they are not a state this version
     * understands (unknown version, other kind of file, corrupt): the caller then reads the file from zero.
     */
    public static java.util.Optional<SummaryBuilder> restore(byte[] state, boolean sidechainFile) {
        return BuilderState.decode(state, sidechainFile);
    }

    /** An independent copy of this fold (through its snapshot encoding, so nothing is shared). */
    SummaryBuilder copy() {
        return BuilderState.decode(snapshot(), sidechainFile)
                .orElseThrow(() -> new IllegalStateException("a fresh snapshot did not decode"));
    }

    /** A complete line that was not a JSON object. */
    @Override
    public void malformed() {
        lineNumber++;
        malformed++;
    }

    /** A line too large for the buffer, parsed from the file. */
    @Override
    public void huge() {
        huge++;
    }

    /** Bytes after the last newline. */
    public void partialTail(long bytes) {
        partialTail = bytes;
    }

    /** One parsed line, in file order. */
    @Override
    public void accept(TranscriptLine line) {
        lineNumber++;
        Instant ts = line.timestamp();
        if (ts != null) {
            first = first == null || ts.isBefore(first) ? ts : first;
            last = last == null || ts.isAfter(last) ? ts : last;
            lastSeen = ts;
        }
        Instant when = ts != null ? ts : lastSeen;
        if (line.cwd() != null && !line.cwd().isEmpty()) {
            cwd = line.cwd();
        }
        if (line.gitBranch() != null && !line.gitBranch().isEmpty()) {
            gitBranch = line.gitBranch();
        }
        if (line.version() != null && !line.version().isEmpty()) {
            version = line.version();
        }
        if (sessionId == null && line.sessionId() != null) {
            sessionId = line.sessionId();
        }
        if (line.titleText() != null && (line.is("custom-title") || line.is("ai-title") || line.is("summary"))) {
            title = shorten(line.titleText());
        }
        boolean side = sidechainFile || line.sidechain();
        if (line.is("assistant")) {
            assistant(line, side, when);
        } else if (line.is("user")) {
            user(line, side, when);
        } else if (line.is("system")) {
            system(line, side, when);
        }
    }

    private void assistant(TranscriptLine line, boolean side, Instant when) {
        if (line.synthetic()) {
            if (line.apiErrorMessage()) {
                failedTurn(when);
                if (!side) {
                    String said = line.textPrefix() == null ? "" : line.textPrefix().strip();
                    signal = new StateSignal(StateSignal.Kind.API_ERROR, said.isEmpty()
                            ? "last line is an API error message"
                            : "last line is an API error message: " + said.substring(0, Math.min(said.length(), 160)),
                            when);
                }
            }
            return;
        }
        if (line.usage() != null) {
            retrying = false;
            TranscriptLine.Usage u = line.usage();
            UsageRecord r = u.valid()
                    ? new UsageRecord(line.messageId(), line.requestId(), canonicalModel(line.model()),
                            u.input(), u.output(), u.cacheWrite5m(), u.cacheWrite1h(), u.cacheWriteFlat(), u.cacheRead(),
                            "fast".equals(u.speed()), line.timestamp(), side)
                    : UsageRecord.unknownCounts(line.messageId(), line.requestId(), canonicalModel(line.model()),
                            line.timestamp(), side);
            addUsage(r);
            if (!side) {
                context = r.valid() ? OptionalLong.of(r.context()) : OptionalLong.empty();
                // the window is the session's: a reply naming another model does not change it
                contextModel = line.requestedModel() != null ? line.requestedModel() : line.model();
                compactedLast = false;
                maxContext = Math.max(maxContext, r.context());
                if (line.model() != null) {
                    model = line.model();
                }
            }
        }
        if (!side) {
            if (!line.toolUseIds().isEmpty()) {
                signal = new StateSignal(StateSignal.Kind.TOOL_PENDING,
                        "last line is a tool_use with no result yet", when);
            } else if (line.stopReason() != null && FINAL_STOP_REASONS.contains(line.stopReason())) {
                signal = new StateSignal(StateSignal.Kind.ANSWERED,
                        "last line is an answer (stop_reason " + line.stopReason() + ")", when);
            } else {
                signal = new StateSignal(StateSignal.Kind.ASSISTANT_STREAMING,
                        "last line is assistant output without a final stop reason", when);
            }
        }
    }

    private void addUsage(UsageRecord r) {
        CallKey key = CallKey.of(r);
        if (key == null) {
            withoutKey++;
            keyless.add(r);
            return;
        }
        byKey.merge(key, r, UsageRecord::merge);
    }

    private void user(TranscriptLine line, boolean side, Instant when) {
        String text = line.textPrefix();
        for (TranscriptLine.ToolResult result : line.toolResults()) {
            if (result.error()) {
                String id = result.toolUseId() != null ? result.toolUseId() : "line-" + lineNumber;
                toolErrors.putIfAbsent(id, when);
            }
        }
        boolean interrupt = text != null && text.startsWith(INTERRUPT);
        if (interrupt) {
            interrupts.add(when);
        }
        if (side || line.meta()) {
            return;
        }
        if (line.compactSummary()) {
            signal = new StateSignal(StateSignal.Kind.COMPACT_SUMMARY, "last line is a compaction summary", when);
        } else if (!line.toolResults().isEmpty()) {
            signal = new StateSignal(StateSignal.Kind.TOOL_RESULT, "last line is a tool result", when);
        } else if (interrupt) {
            signal = new StateSignal(StateSignal.Kind.TURN_ENDED, "last line is a user interrupt", when);
        } else if (text != null || !line.blockTypes().isEmpty()) {
            signal = new StateSignal(StateSignal.Kind.USER_PROMPT, "last line is a user prompt", when);
            if (firstPrompt == null && text != null && isHumanPrompt(text)) {
                firstPrompt = shorten(text);
            }
        }
    }

    private void system(TranscriptLine line, boolean side, Instant when) {
        String sub = line.subtype() == null ? "" : line.subtype();
        if ("api_error".equals(sub)) {
            retry(when);
        }
        if (side) {
            return;
        }
        switch (sub) {
            case "turn_duration" -> signal = new StateSignal(StateSignal.Kind.TURN_ENDED,
                    "last line is turn_duration (turn finished)", when);
            case "stop_hook_summary" -> signal = Boolean.TRUE.equals(line.preventedContinuation())
                    ? new StateSignal(StateSignal.Kind.CONTINUED_BY_HOOK, "a stop hook prevented the turn from ending",
                            when)
                    : new StateSignal(StateSignal.Kind.TURN_ENDED, "last line is stop_hook_summary (turn finished)",
                            when);
            case "api_error" -> signal = new StateSignal(StateSignal.Kind.API_RETRY,
                    "last line is an API retry (system/api_error)", when);
            case "local_command" -> signal = new StateSignal(StateSignal.Kind.LOCAL_COMMAND,
                    "last line is a slash-command echo", when);
            case "compact_boundary" -> {
                signal = new StateSignal(StateSignal.Kind.COMPACT_BOUNDARY, "last line is a compact_boundary", when);
                compactedLast = true;
                context = line.postTokens() >= 0 ? OptionalLong.of(line.postTokens()) : OptionalLong.empty();
                contextModel = null;
            }
            default -> {
                // other system lines are informational
            }
        }
    }

    /**
     * A retry attempt of older builds ({@code system}/{@code api_error}): consecutive attempts are one incident,
     * counted once; the failed-turn line that may end it belongs to the same incident.
     */
    private void retry(Instant when) {
        if (!retrying) {
            apiErrors.add(when);
            retrying = true;
        }
    }

    /**
     * A failed turn ({@code isApiErrorMessage}): each such line is one failed turn (two prompts failing in a row are
     * two), unless it ends a run of retry attempts already counted. Retries of current builds are
     * {@code api-request} lines, which are not failures at all.
     */
    private void failedTurn(Instant when) {
        if (!retrying) {
            apiErrors.add(when);
        }
        retrying = false;
    }

    static boolean isHumanPrompt(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return false;
        }
        for (String prefix : NOT_A_PROMPT) {
            if (t.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    static String shorten(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        if (t.length() <= TITLE_CHARS) {
            return t;
        }
        int cut = TITLE_CHARS - 1;
        if (Character.isHighSurrogate(t.charAt(cut - 1))) {
            cut--;
        }
        return t.substring(0, cut).stripTrailing() + "…";
    }

    /** The summary of everything accepted so far. */
    public FileSummary build(Path path, long size, Instant modified, long completeBytes, boolean unreadable) {
        List<UsageRecord> usage = new ArrayList<>(byKey.values());
        usage.addAll(keyless);
        List<Instant> apiTimes = apiErrors.stream().filter(java.util.Objects::nonNull).toList();
        List<Instant> interruptTimes = interrupts.stream().filter(java.util.Objects::nonNull).toList();
        return new FileSummary(path, size, modified, completeBytes, usage, first, last, context, contextModel,
                compactedLast, maxContext, model, padded(apiTimes, apiErrors.size()), toolErrors,
                padded(interruptTimes, interrupts.size()), signal, cwd, gitBranch, title, firstPrompt, version,
                sessionId, malformed, withoutKey, partialTail, huge, unreadable);
    }

    private static List<Instant> padded(List<Instant> known, int count) {
        // times without a timestamp are dropped from the list; counts come from the list sizes, so keep them as EPOCH
        List<Instant> out = new ArrayList<>(known);
        while (out.size() < count) {
            out.add(Instant.EPOCH);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SummaryBuilder[%d lines]", lineNumber);
    }
}
