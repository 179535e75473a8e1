package dev.llmsession.discovery.claudecode.pricing;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Normalises model ids to a family id ({@code us.anthropic.claude-opus-4-6-v1:0} → {@code claude-opus-4-6}). */
public final class ModelIds {

    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(:\\d+)?$");

    /** Transcripts name a handful of models millions of times; bounded so hostile input cannot grow it. */
    private static final int MEMO_LIMIT = 1_024;
    private static final Map<String, String> MEMO = new ConcurrentHashMap<>();

    private ModelIds() {
    }

    /** The family id of {@code model}; lower-case, without {@code [1m]}, cloud prefixes, versions or dates. */
    public static String normalise(String model) {
        String known = MEMO.get(model);
        if (known != null) {
            return known;
        }
        String id = family(model);
        if (MEMO.size() < MEMO_LIMIT) {
            MEMO.put(model, id);
        }
        return id;
    }

    private static String family(String model) {
        String id = model.strip().toLowerCase(Locale.ROOT);
        int bracket = id.indexOf('[');
        if (bracket >= 0) {
            id = id.substring(0, bracket);
        }
        int at = id.indexOf('@');
        if (at >= 0) {
            id = id.substring(0, at);
        }
        int claude = id.indexOf("claude-");
        if (claude > 0) {
            id = id.substring(claude);
        }
        id = BEDROCK_VERSION.matcher(id).replaceFirst("");
        id = DATE_SUFFIX.matcher(id).replaceFirst("");
        return id;
    }
}
