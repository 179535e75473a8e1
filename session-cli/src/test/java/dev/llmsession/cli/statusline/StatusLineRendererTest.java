package dev.llmsession.cli.statusline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The awk renderer (the one the wrapper runs) on every payload shape Claude Code sends. */
class StatusLineRendererTest {
    private static final String SID = "d61b3fdb-9b8d-4d05-b28e-2046373c1b8a";
    /** 2100-01-01: resets in the future whatever the test machine's clock says. */
    private static final long FAR = 4_102_444_800L;

    @TempDir
    Path tmp;

    private StatusLineFiles files;

    @BeforeEach
    void install() {
        files = StatusLineFiles.in(tmp);
        files.installRenderer(new StatusLineSettings(List.of("context", "compact", "cost", "limits", "health"),
                "never"));
    }

    private String render(String json) {
        return files.render(json.getBytes(StandardCharsets.UTF_8), SID);
    }

    private static String usage(long in, long write, long read) {
        return "{\"input_tokens\":" + in + ",\"output_tokens\":6,\"cache_creation_input_tokens\":" + write
                + ",\"cache_read_input_tokens\":" + read + "}";
    }

    @Test
    void beforeFirstCall_currentUsageNull_showsTheWindowOnly() {
        String line = render("{\"session_id\":\"" + SID + "\",\"context_window\":{\"context_window_size\":1000000,"
                + "\"current_usage\":null,\"used_percentage\":null},\"cost\":{\"total_cost_usd\":0}}");
        assertThat(line).isEqualTo("░░░░░░░░ ? of 1.0M · $0.00");
    }

    @Test
    void afterReply_apiKeyLogin_noRateLimits_noLimitSegment() {
        String line = render("{\"session_id\":\"" + SID + "\",\"cost\":{\"total_cost_usd\":0.041370599999999993},"
                + "\"context_window\":{\"context_window_size\":200000,\"current_usage\":" + usage(4, 900, 99_096)
                + "},\"prompt_cache\":{\"warm\":true,\"cache_write_tokens\":4102}}");
        assertThat(line).isEqualTo("████░░░░ 50% · 67k to compact · $0.04");
    }

    @Test
    void afterCompact_allZero_isZeroPercent() {
        String line = render("{\"session_id\":\"" + SID + "\",\"context_window\":{\"context_window_size\":200000,"
                + "\"current_usage\":" + usage(0, 0, 0) + "}}");
        assertThat(line).isEqualTo("░░░░░░░░ 0% · 167k to compact");
    }

    @Test
    void extendedContext_subscriberLimits_prettyPrinted_withHealth() throws IOException {
        Files.createDirectories(files.health(SID).getParent());
        Files.writeString(files.health(SID), "⚠️ 61%\n");
        String line = render("{\n \"session_id\": \"" + SID + "\",\n \"context_window\": {\n  \"context_window_size\": "
                + "1000000,\n  \"current_usage\": " + usage(10, 50, 449_940) + "\n },\n \"exceeds_200k_tokens\": true,"
                + "\n \"rate_limits\": {\n  \"five_hour\": {\"used_percentage\": 42, \"resets_at\": " + FAR + "},\n"
                + "  \"seven_day\": {\"used_percentage\": 18.4, \"resets_at\": " + FAR + "}\n }\n}\n");
        assertThat(line).startsWith("████░░░░ 45% · 517k to compact · 5h 42% ↺").contains(" · 7d 18% ↺")
                .endsWith(" · ⚠️ 61%");
    }

    @Test
    void hostileText_isMadePrintable() {
        files.installRenderer(new StatusLineSettings(List.of("model"), "never"));
        String line = render("{\"session_id\":\"" + SID + "\",\"model\":{\"id\":\"x\",\"display_name\":\"Op\u001b[31mus\u0007\"}}");
        assertThat(line).isEqualTo("Op[31mus");
    }

    @Test
    void colours_followTheFill() {
        files.installRenderer(new StatusLineSettings(List.of("context"), "always"));
        String line = render("{\"session_id\":\"" + SID + "\",\"context_window\":{\"context_window_size\":100000,"
                + "\"current_usage\":" + usage(0, 0, 90_000) + "}}");
        assertThat(line).isEqualTo("\u001b[31m███████░ 90%\u001b[0m");
    }

    @Test
    void settings_refuseUnknownSegments() {
        assertThat(StatusLineSettings.of(Map.of()).segments()).containsExactly("context", "compact", "cost", "limits",
                "health");
        assertThat(StatusLineSettings.of(Map.of("statusline.segments", "cost, model", "statusline.colour", "never")))
                .isEqualTo(new StatusLineSettings(List.of("cost", "model"), "never"));
        assertThatThrownBy(() -> StatusLineSettings.of(Map.of("statusline.segments", "weather")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weather");
    }
}
