package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file as the commands see it. */
final class ConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Path write(String relative, String text) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void config_unknownKey_exitsThreeNamingFileLineColumnAndKnownKeys() throws IOException {
        write(".config/llm-session/config.yaml", """
                # my settings
                health:
                  wieghts:
                    tokens: 0.5
                """);

        CliRun.Result r = new CliRun(home).run("list");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: ~/.config/llm-session/config.yaml:3:3: unknown key 'wieghts' in health")
                .contains("known: ", "weights", "curves", "errorWindow");
    }

    @Test
    void config_repeatedErrorsNegativeAndPercentInfinite_exitThreeAtTheirLine() throws IOException {
        write(".config/llm-session/config.yaml", "health:\n  repeatedErrors: -3\n");
        CliRun.Result negative = new CliRun(home).run("list");
        write(".config/llm-session/config.yaml", "health:\n  nearAutoCompactPercent: 1e400\n");
        CliRun.Result infinite = new CliRun(home).run("list");

        assertThat(negative.code()).isEqualTo(3);
        assertThat(negative.err().lines()).singleElement().asString()
                .isEqualTo("llm-session: ~/.config/llm-session/config.yaml:2:3: health: repeatedErrors must be at "
                        + "least 1, got -3");
        assertThat(infinite.code()).isEqualTo(3);
        assertThat(infinite.err().lines()).singleElement().asString()
                .startsWith("llm-session: ~/.config/llm-session/config.yaml:2:3: ").contains("nearAutoCompactPercent");
    }

    @Test
    void config_weightsNotSummingToOne_exitsThreeWithTheCoresMessage() throws IOException {
        write(".config/llm-session/config.yaml", """
                health:
                  weights: {tokens: 0.5, duration: 0.5, activity: 0.5, errors: 0.5}
                """);

        CliRun.Result r = new CliRun(home).run("list");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().lines()).singleElement().asString()
                .matches("llm-session: ~/\\.config/llm-session/config\\.yaml:2:\\d+: .*"
                        + "health weights must sum to 1, they sum to 2\\.0000");
    }

    @Test
    void config_badCurve_exitsThreeWithLine() throws IOException {
        write(".config/llm-session/config.yaml", """
                health:
                  curves:
                    tokens: [[40, 100], [30, 60]]
                """);

        CliRun.Result r = new CliRun(home).run("list");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: ~/.config/llm-session/config.yaml:3:")
                .contains("strictly increasing x");
    }

    @Test
    void config_badDuration_exitsThreeWithLine() throws IOException {
        write(".config/llm-session/config.yaml", """
                health:
                  errorWindow: soon
                """);

        CliRun.Result r = new CliRun(home).run("doctor");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: ~/.config/llm-session/config.yaml:2:")
                .contains("'soon' is not a duration");
    }

    @Test
    void config_brokenYaml_exitsThreeWithLine() throws IOException {
        write(".config/llm-session/config.yaml", "health:\n  weights: [1, 2\n");

        CliRun.Result r = new CliRun(home).run("list");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: ~/.config/llm-session/config.yaml:");
    }

    @Test
    void config_valid_changesWeightsAndPassesAdapterSettings() throws IOException {
        Path file = write("elsewhere/my.yaml", """
                health:
                  weights: {tokens: 0.7, duration: 0.1, activity: 0.1, errors: 0.1}
                  errorWindow: 1h
                  longSession: 3h
                adapters:
                  claude-code:
                    roots: [/data/a, /data/b]
                    maxFiles: 10
                """);
        FakeDiscoveryProvider claude = FakeDiscoveryProvider.claude(Fixtures.all());

        CliRun.Result r = new CliRun(home).discoveries(claude)
                .run("--config", file.toString(), "health", "4d5611", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode tokens = readTree(r.out()).get("health").get("components").get(0);
        assertThat(tokens.get("weight").decimalValue()).isEqualByComparingTo("0.7");
        assertThat(claude.seen.get().settings()).containsEntry("claude-code.roots", "/data/a,/data/b")
                .containsEntry("claude-code.maxFiles", "10");
        assertThat(claude.seen.get().userHome()).isEqualTo(home);
    }

    @Test
    void config_xdgConfigHome_isWhereTheDefaultFileLives() throws IOException {
        Path xdg = home.resolve("xdg");
        write("xdg/llm-session/config.yaml", "health:\n  repeatedErrors: 5\n");

        CliRun.Result r = new CliRun(home).env("XDG_CONFIG_HOME", xdg.toString()).run("doctor");

        assertThat(r.code()).isZero();
        assertThat(r.outLines().get(0)).isEqualTo("config: ~/xdg/llm-session/config.yaml");
    }

    @Test
    void config_explicitFileMissing_exitsThree() {
        CliRun.Result r = new CliRun(home).run("list", "--config", home.resolve("nope.yaml").toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("llm-session: ~/nope.yaml: no such file" + System.lineSeparator());
    }

    @Test
    void config_emptyFile_meansDefaults() throws IOException {
        write(".config/llm-session/config.yaml", "# nothing yet\n");

        CliRun.Result r = new CliRun(home).run("list");

        assertThat(r.code()).isZero();
        assertThat(r.outLines()).hasSize(List.of("header", "s1", "s2", "status legend").size());
    }

    private static JsonNode readTree(String json) throws IOException {
        return JSON.readTree(json);
    }
}
