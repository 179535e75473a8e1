package dev.llmsession.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class LocalityTest {
    /**
     * The launcher guesses from the command line whether an engine will answer, to start a small relaying JVM: its
     * list must be the engine's, or served commands start the full JVM and local ones a starved one.
     */
    @Test
    void theLaunchersListOfServedCommandsIsTheEngines() throws IOException {
        String launcher = Files.readString(Path.of("..", "llm-session"));
        Matcher m = Pattern.compile("(?m)^\\s*(list \\|[a-z| -]+)\\)\\s*$").matcher(launcher);
        assertThat(m.find()).as("the served_by_engine case in ./llm-session").isTrue();
        Set<String> guessed = Pattern.compile("\\s*\\|\\s*").splitAsStream(m.group(1).strip())
                .collect(Collectors.toSet());
        assertThat(guessed).isEqualTo(Locality.SERVED);
    }

    @Test
    void onlyACommandAnEngineServesStartsOne() {
        assertThat(AutoStart.worthAnEngine(List.of("list", "--all"))).isTrue();
        assertThat(AutoStart.worthAnEngine(List.of("--data-dir", "/d", "usage", "daily"))).isTrue();
        assertThat(AutoStart.worthAnEngine(List.of("monitor", "--json"))).isTrue();
        for (List<String> args : List.of(List.of("--version"), List.of("--help"), List.<String>of(),
                List.of("daemon", "stop"), List.of("export", "abc"), List.of("logs", "-f", "abc"),
                List.of("list", "--verbose"), List.of("nonsense"))) {
            assertThat(AutoStart.worthAnEngine(args)).as(String.join(" ", args)).isFalse();
        }
    }

    @Test
    void servedCommandsRunInTheEngine_othersAndVerboseRunsInTheCaller() {
        assertThat(Locality.whyLocal(List.of("--data-dir", "monitor", "team", "status"))).isEmpty();
        assertThat(Locality.whyLocal(List.of("config", "show"))).isEmpty();
        assertThat(Locality.whyLocal(List.of("monitor"))).contains("monitor runs in the caller's JVM");
        assertThat(Locality.whyLocal(List.of("logs", "abc", "-n", "5"))).isEmpty();
        for (String follow : List.of("-f", "--follow", "-nf", "-fn5")) {
            assertThat(Locality.whyLocal(List.of("logs", follow, "abc"))).as(follow).isPresent();
        }
        assertThat(Locality.whyLocal(List.of("logs", "--", "-f"))).as("an id after --").isEmpty();
        assertThat(Locality.whyLocal(List.of("stop", "abc"))).contains("stop runs in the caller's JVM");
        assertThat(Locality.waits(List.of("wait", "--for", "idle"))).isTrue();
        assertThat(Locality.waits(List.of("list"))).isFalse();
        assertThat(Locality.whyLocal(List.of("team", "status", "--verbose"))).isPresent();
    }
}
