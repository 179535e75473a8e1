package dev.llmsession.discovery.claudecode.pricing;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which context window a model has (claude-format.md §3.3). */
public final class ContextWindows {

    /** 200,000 tokens. */
    public static final long WINDOW_200K = 200_000;
    /** 1,000,000 tokens. */
    public static final long WINDOW_1M = 1_000_000;
    /** Auto-compaction happens about this many tokens below the window. */
    public static final long AUTO_COMPACT_BUFFER = 33_000;

    private static final Set<String> ALWAYS_1M = Set.of("claude-opus-4-7", "claude-opus-4-8", "claude-opus-5",
            "claude-opus-5-5", "claude-sonnet-5", "claude-sonnet-5-5", "claude-haiku-5-5");
    private static final Set<String> FIXED_200K = Set.of("claude-opus-4-5", "claude-opus-4-1", "claude-opus-4",
            "claude-haiku-4-5");
    private static final Set<String> EITHER = Set.of("claude-opus-4-6", "claude-sonnet-4-6", "claude-sonnet-4-5",
            "claude-sonnet-4");
    private static final Pattern FABLE = Pattern.compile("claude-(fable|mythos)-(\\d+)(-\\d+)?");

    private ContextWindows() {
    }

    /** Window classes. */
    public enum Kind {
        /** Always 1M. */
        ONE_MILLION,
        /** Always 200k. */
        FIXED_200K,
        /** 200k, or 1M when selected. */
        EITHER,
        /** Not in the table. */
        UNKNOWN
    }

    /** The window class of {@code model} (any spelling; normalised first). */
    public static Kind kind(String model) {
        if (model == null || model.isBlank()) {
            return Kind.UNKNOWN;
        }
        String id = ModelIds.normalise(model);
        Matcher fable = FABLE.matcher(id);
        if (fable.matches()) {
            return Integer.parseInt(fable.group(2)) >= 5 ? Kind.ONE_MILLION : Kind.UNKNOWN;
        }
        if (ALWAYS_1M.contains(id)) {
            return Kind.ONE_MILLION;
        }
        if (FIXED_200K.contains(id) || id.startsWith("claude-3")) {
            return Kind.FIXED_200K;
        }
        return EITHER.contains(id) ? Kind.EITHER : Kind.UNKNOWN;
    }

    /** The auto-compact threshold of a window. */
    public static long autoCompactAt(long window) {
        return window - AUTO_COMPACT_BUFFER;
    }
}
