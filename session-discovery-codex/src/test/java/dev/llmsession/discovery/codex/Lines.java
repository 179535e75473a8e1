package dev.llmsession.discovery.codex;

/** Rollout lines in Codex's envelope, for synthetic cases the real samples do not cover. */
final class Lines {
    private Lines() {
    }

    static String meta(String at, String id, String cwd) {
        return "{\"timestamp\":\"" + at + "\",\"type\":\"session_meta\",\"payload\":{\"id\":\"" + id
                + "\",\"timestamp\":\"" + at + "\",\"cwd\":\"" + cwd + "\",\"originator\":\"codex_cli_rs\","
                + "\"git\":{\"branch\":\"main\"}}}\n";
    }

    static String forkMeta(String at, String id, String cwd, String parent) {
        return "{\"timestamp\":\"" + at + "\",\"type\":\"session_meta\",\"payload\":{\"id\":\"" + id
                + "\",\"timestamp\":\"" + at + "\",\"cwd\":\"" + cwd + "\",\"forked_from_id\":\"" + parent + "\"}}\n";
    }

    static String turnContext(String at, String cwd, String model) {
        return "{\"timestamp\":\"" + at + "\",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"" + cwd
                + "\",\"model\":\"" + model + "\",\"effort\":\"high\"}}\n";
    }

    static String event(String at, String type) {
        return "{\"timestamp\":\"" + at + "\",\"type\":\"event_msg\",\"payload\":{\"type\":\"" + type + "\"}}\n";
    }

    static String aborted(String at) {
        return "{\"timestamp\":\"" + at + "\",\"type\":\"event_msg\",\"payload\":{\"type\":\"turn_aborted\","
                + "\"reason\":\"interrupted\"}}\n";
    }

    /** A token_count whose running total has {@code input} input (half cached) and {@code output} output tokens. */
    static String tokens(String at, long input, long output, long lastTotal) {
        return "{\"timestamp\":\"" + at + "\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\","
                + "\"info\":{\"total_token_usage\":" + usage(input, output) + ",\"last_token_usage\":"
                + usage(lastTotal, 0) + ",\"model_context_window\":200000},\"rate_limits\":null}}\n";
    }

    static String tokensWithoutInfo(String at) {
        return "{\"timestamp\":\"" + at + "\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\","
                + "\"info\":null,\"rate_limits\":{\"primary\":{\"used_percent\":1.0}}}}\n";
    }

    static String usage(long input, long output) {
        return "{\"input_tokens\":" + input + ",\"cached_input_tokens\":" + input / 2 + ",\"output_tokens\":" + output
                + ",\"reasoning_output_tokens\":0,\"total_tokens\":" + (input + output) + "}";
    }

    static String responseItem(String at, String text) {
        return "{\"timestamp\":\"" + at + "\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"" + text + "\"}]}}\n";
    }
}
