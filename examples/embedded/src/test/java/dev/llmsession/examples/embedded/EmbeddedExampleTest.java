package dev.llmsession.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.ProviderContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EmbeddedExampleTest {
    private static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";

    @TempDir
    Path home;

    @Test
    void report_sampleSessionInTempHome_printsItsTokensCostAndHealth() throws IOException {
        Path project = Files.createDirectories(home.resolve(".claude/projects/-home-user-spotter"));
        Path fixtures = Path.of(System.getProperty("llmsession.fixtures"));
        Files.copy(fixtures.resolve(SESSION + ".jsonl"), project.resolve(SESSION + ".jsonl"));
        Clock clock = Clock.fixed(Instant.parse("2026-02-12T21:10:00Z"), ZoneOffset.UTC);
        ProviderContext context = new ProviderContext(home, Map.of(), clock, Map.of());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmbeddedExample.report(context, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("claude_4d56", "ended", "context 106k", "health");
    }
}
