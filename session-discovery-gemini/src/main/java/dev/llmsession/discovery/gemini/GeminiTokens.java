package dev.llmsession.discovery.gemini;

import dev.llmsession.adapterkit.Call;

/**
 * A {@code gemini} message's {@code tokens}: one API call, the last streamed chunk's {@code usageMetadata}.
 * {@code input} counts the cached part; thoughts are not inside {@code output}; {@code tool} (tool-use prompt) is
 * apart from {@code input}.
 */
record GeminiTokens(long input, long output, long cached, long thoughts, long tool) {

    /** This call for the ledger: uncached input (tool prompt included), output with thoughts, cache reads. */
    Call call(String key, long at, String model) {
        return new Call(key, at, model, Math.max(0, input - cached) + tool, output + thoughts, 0, cached);
    }

    /** What was in the context window for this call. */
    long contextTokens() {
        return input + tool;
    }
}
