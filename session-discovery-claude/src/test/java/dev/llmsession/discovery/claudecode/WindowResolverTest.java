package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.pricing.ContextWindows;
import dev.llmsession.spi.ProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class WindowResolverTest {
    private static final String EITHER = "claude-sonnet-4-6";

    @TempDir
    Path home;

    private WindowResolver resolver() {
        return new WindowResolver(new ProviderContext(home, Map.of(),
                Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC), Map.of()));
    }

    @Test
    void aPassReadsEachSettingsFileOnceAndTheNextPassReadsItAgain() throws Exception {
        Path root = Files.createDirectories(home.resolve(".claude"));
        Path cwd = Files.createDirectories(home.resolve("work/app"));
        Path projectSettings = Files.createDirectories(cwd.resolve(".claude")).resolve("settings.json");
        Files.writeString(projectSettings, "{\"model\":\"sonnet[1m]\"}");
        WindowResolver resolver = resolver();
        WindowResolver.Pass first = resolver.pass();

        assertThat(first.resolve(EITHER, 0, root, cwd.toString(), List.of()))
                .isEqualTo(new WindowResolver.Window(ContextWindows.WINDOW_1M, false));
        Files.writeString(projectSettings, "{\"model\":\"sonnet\"}");

        assertThat(first.resolve(EITHER, 0, root, cwd.toString(), List.of()))
                .as("one listing decides once per file").isEqualTo(new WindowResolver.Window(ContextWindows.WINDOW_1M,
                        false));
        assertThat(resolver.pass().resolve(EITHER, 0, root, cwd.toString(), List.of()))
                .as("the next listing sees the change").isEqualTo(new WindowResolver.Window(ContextWindows.WINDOW_200K,
                        true));
    }

    @Test
    void aPassAnswersAsAFreshPassForEveryInput() throws Exception {
        Path root = Files.createDirectories(home.resolve(".claude"));
        Files.writeString(root.resolve("settings.json"), "{\"model\":\"opus[1m]\"}");
        Path plain = Files.createDirectories(home.resolve("plain"));
        Path oneM = Files.createDirectories(home.resolve("one-m"));
        Files.writeString(Files.createDirectories(oneM.resolve(".claude")).resolve("settings.local.json"),
                "{\"model\":\"sonnet[1m]\"}");
        List<String> models = java.util.Arrays.asList(null, "", EITHER, "claude-opus-4-6[1m]", "claude-3-5-sonnet",
                "claude-opus-4-6", "made-up-model");
        List<Path> roots = java.util.Arrays.asList(null, root);
        List<String> cwds = java.util.Arrays.asList(null, plain.toString(), oneM.toString(), "C:\\\u0000bad");
        List<List<String>> args = List.of(List.of(), List.of("--model", "sonnet[1m]"), List.of("--model=opus"));
        WindowResolver resolver = resolver();
        WindowResolver.Pass shared = resolver.pass();
        for (int round = 0; round < 2; round++) {
            for (String model : models) {
                for (long observed : new long[] {0, 150_000, 250_000}) {
                    for (Path r : roots) {
                        for (String cwd : cwds) {
                            for (List<String> a : args) {
                                assertThat(shared.resolve(model, observed, r, cwd, a)).as("%s %s %s %s %s", model,
                                        observed, r, cwd, a).isEqualTo(resolver.pass().resolve(model, observed, r,
                                        cwd, a));
                            }
                        }
                    }
                }
            }
        }
    }
}
