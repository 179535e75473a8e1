package dev.llmsession.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.ConfigException;
import dev.llmsession.error.ErrorCode;
import dev.llmsession.model.HealthPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigLoaderTest {
    @TempDir
    Path home;

    private Path write(String text) throws IOException {
        Path file = home.resolve("c.yaml");
        Files.writeString(file, text);
        return file;
    }

    private CliConfig load(Path file) {
        return new ConfigLoader().load(Optional.of(file), Map.of(), home);
    }

    @Test
    void load_missingDefaultFile_givesDefaults() {
        CliConfig config = new ConfigLoader().load(Optional.empty(), Map.of(), home);

        assertThat(config.file()).isEmpty();
        assertThat(config.looked()).isEqualTo(home.resolve(".config/llm-session/config.yaml"));
        assertThat(config.policy()).isEqualTo(HealthPolicy.DEFAULT);
        assertThat(config.settings()).isEmpty();
    }

    @Test
    void defaultPath_relativeXdgConfigHome_isIgnored() {
        assertThat(ConfigLoader.defaultPath(Map.of("XDG_CONFIG_HOME", "relative"), home))
                .isEqualTo(home.resolve(".config/llm-session/config.yaml"));
    }

    @Test
    void load_fullHealthSection_mapsToPolicy() throws IOException {
        CliConfig config = load(write("""
                health:
                  weights: {tokens: 0.25, duration: 0.25, activity: 0.25, errors: 0.25}
                  curves:
                    tokens: [[50, 100], [100, 0]]
                    errors: [[0, 100], [4, 0]]
                  errorWindow: 1h
                  waitingGrace: 5m
                  longSession: 2h30m
                  idleAdvice: 45m
                  nearAutoCompactPercent: 80
                  repeatedErrors: 4
                """));

        HealthPolicy p = config.policy();
        assertThat(p.tokensWeight()).isEqualTo(0.25);
        assertThat(p.tokensCurve().score(75)).isEqualTo(50.0);
        assertThat(p.errorsCurve().score(2)).isEqualTo(50.0);
        assertThat(p.durationCurve()).isEqualTo(HealthPolicy.DEFAULT.durationCurve());
        assertThat(p.errorWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(p.waitingGrace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.longSession()).isEqualTo(Duration.ofMinutes(150));
        assertThat(p.idleAdvice()).isEqualTo(Duration.ofMinutes(45));
        assertThat(p.nearAutoCompactPercent()).isEqualTo(80.0);
        assertThat(p.repeatedErrors()).isEqualTo(4);
    }

    @Test
    void load_daemonSection_setsAutostartAndIdle() throws IOException {
        CliConfig config = load(write("daemon:\n  autostart: false\n  idle: 90m\n"));
        assertThat(config.engineAutostart()).isFalse();
        assertThat(config.engineIdle()).isEqualTo(Duration.ofMinutes(90));
        CliConfig defaults = new ConfigLoader().load(Optional.empty(), Map.of(), home);
        assertThat(defaults.engineAutostart()).isTrue();
        assertThat(defaults.engineIdle()).isEqualTo(CliConfig.DEFAULT_ENGINE_IDLE);
        assertThatThrownBy(() -> load(write("daemon:\n  idle: 0s\n"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("idle must be longer than 0");
    }

    @Test
    void load_storeDir_becomesTheStoreSetting() throws IOException {
        CliConfig config = load(write("store:\n  dir: /srv/llm-session\n"));

        assertThat(config.settings()).containsOnly(Map.entry("store.dir", "/srv/llm-session"));
    }

    @Test
    void load_adapters_flattenToProviderSettings() throws IOException {
        CliConfig config = load(write("""
                adapters:
                  claude-code:
                    roots: [a, b]
                    limits: {files: 3}
                  cursor:
                    enabled: false
                """));

        assertThat(config.settings()).containsOnly(Map.entry("claude-code.roots", "a,b"),
                Map.entry("claude-code.limits.files", "3"), Map.entry("cursor.enabled", "false"));
    }

    @Test
    void load_unknownTopLevelKey_namesLineColumnAndKnownKeys() throws IOException {
        Path file = write("health: {}\nadaptors: {}\n");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("~/c.yaml:2:1: unknown key 'adaptors' (known: adapters, alerts, daemon, health, prices, statusline, store, team)")
                .satisfies(e -> assertThat(((ConfigException) e).code()).isEqualTo(ErrorCode.CONFIG));
    }

    @Test
    void load_curvePointNotAPair_isReportedAtTheCurve() throws IOException {
        Path file = write("health:\n  curves:\n    duration: [[1, 2, 3]]\n");

        assertThatThrownBy(() -> load(file)).hasMessageStartingWith("~/c.yaml:3:5: health.curves.duration: ")
                .hasMessageContaining("[value, score] pair");
    }

    @Test
    void load_curveScoreOutOfRange_usesTheCoresMessage() throws IOException {
        Path file = write("health:\n  curves:\n    activity: [[0, 100], [10, 120]]\n");

        assertThatThrownBy(() -> load(file)).hasMessageStartingWith("~/c.yaml:3:5: ")
                .hasMessageContaining("score within 0-100");
    }

    @Test
    void load_wrongType_saysWhatWasExpected() throws IOException {
        Path file = write("health:\n  repeatedErrors: many\n");

        assertThatThrownBy(() -> load(file)).hasMessage("~/c.yaml:2:3: health.repeatedErrors: expected a whole number");
    }

    @Test
    void load_durationWithoutUnit_isRejected() throws IOException {
        Path file = write("health:\n  idleAdvice: 30\n");

        assertThatThrownBy(() -> load(file)).hasMessageStartingWith("~/c.yaml:2:3: health.idleAdvice: ")
                .hasMessageContaining("write the unit");
    }

    @Test
    void load_negativeErrorWindow_isRejectedByTheCore() throws IOException {
        Path file = write("health:\n  errorWindow: 0s\n");

        assertThatThrownBy(() -> load(file)).hasMessageStartingWith("~/c.yaml:")
                .hasMessageContaining("errorWindow must be positive");
    }

    @Test
    void load_fifoOrHugeFile_refusedWithoutReading() throws Exception {
        Path fifo = home.resolve("fifo.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path huge = Files.write(home.resolve("huge.yaml"), new byte[2 * 1024 * 1024]);

        assertThatThrownBy(() -> load(fifo)).hasMessage("~/fifo.yaml: not a regular file");
        assertThatThrownBy(() -> load(huge))
                .hasMessageContaining("larger than 1024 KiB");
    }

    @Test
    void load_outOfRangeSettings_rejectedAtTheirLine() throws IOException {
        assertThatThrownBy(() -> load(write("health:\n  waitingGrace: 5m\n  repeatedErrors: -3\n")))
                .hasMessage("~/c.yaml:3:3: health: repeatedErrors must be at least 1, got -3");
        assertThatThrownBy(() -> load(write("health:\n  nearAutoCompactPercent: 1e400\n")))
                .hasMessage("~/c.yaml:2:3: health: nearAutoCompactPercent must be above 0 and at most 100, got Infinity");
        assertThatThrownBy(() -> load(write("health:\n  nearAutoCompactPercent: 0\n")))
                .hasMessageStartingWith("~/c.yaml:2:3: ");
        assertThatThrownBy(() -> load(write("health:\n  nearAutoCompactPercent: .nan\n")))
                .hasMessageStartingWith("~/c.yaml:2:3: ");
        assertThatThrownBy(() -> load(write("health:\n  longSession: 0s\n")))
                .hasMessageStartingWith("~/c.yaml:2:3: ").hasMessageContaining("longSession must be positive");
        assertThatThrownBy(() -> load(write("prices:\n  m: {input: 1e400, output: 1, cacheWrite: 1, cacheRead: 1}\n")))
                .hasMessageStartingWith("~/c.yaml:2:").hasMessageContaining("input must be a price");
    }

    @Test
    void load_yamlSyntaxError_saysItIsNotYamlAndWhatToDo_onOneLine() throws IOException {
        Path file = write("a: [\n");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("~/c.yaml:")
                .hasMessageContaining("not valid YAML")
                .hasMessageEndingWith("; fix the syntax at that line")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((ConfigException) e).code()).isEqualTo(ErrorCode.CONFIG));
    }
}
