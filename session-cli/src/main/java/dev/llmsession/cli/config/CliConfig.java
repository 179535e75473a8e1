package dev.llmsession.cli.config;

import dev.llmsession.api.ModelRates;
import dev.llmsession.model.HealthPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective configuration of one run.
 *
 * @param file     the file it was read from; empty when defaults are used
 * @param looked   the file that was looked for (the default location, or {@code --config})
 * @param policy   the health policy
 * @param settings flat provider settings ({@code claude-code.roots=a,b})
 * @param prices   the user's price overrides for the usage reports, by model id or id prefix
 */
public record CliConfig(Optional<Path> file, Path looked, HealthPolicy policy, Map<String, String> settings,
        Map<String, ModelRates> prices) {
    /** The setting of {@code daemon.autostart}: {@code false} keeps commands from starting an engine. */
    public static final String DAEMON_AUTOSTART = "daemon.autostart";
    /** The setting of {@code daemon.idle}: how long an engine waits for a command before it exits. */
    public static final String DAEMON_IDLE = "daemon.idle";
    /** How long an engine waits for a command before it exits, unless {@code daemon.idle} says otherwise. */
    public static final Duration DEFAULT_ENGINE_IDLE = Duration.ofHours(3);

    public CliConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(looked, "looked");
        Objects.requireNonNull(policy, "policy");
        settings = Map.copyOf(settings);
        prices = Map.copyOf(prices);
    }

    /** Without price overrides. */
    public CliConfig(Optional<Path> file, Path looked, HealthPolicy policy, Map<String, String> settings) {
        this(file, looked, policy, settings, Map.of());
    }

    /** Whether a command may start an engine in the background ({@code daemon.autostart}, default true). */
    public boolean engineAutostart() {
        return !"false".equals(settings.get(DAEMON_AUTOSTART));
    }

    /** How long an engine waits for a command before it exits ({@code daemon.idle}, default 3 h). */
    public Duration engineIdle() {
        String idle = settings.get(DAEMON_IDLE);
        return idle == null ? DEFAULT_ENGINE_IDLE : DurationText.parse(idle);
    }

    /** Defaults, with {@code looked} as the file that did not exist. */
    public static CliConfig defaults(Path looked) {
        return new CliConfig(Optional.empty(), looked, HealthPolicy.DEFAULT, Map.of());
    }
}
