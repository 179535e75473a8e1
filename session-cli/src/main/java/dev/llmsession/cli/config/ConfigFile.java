package dev.llmsession.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmsession.api.ModelRates;
import dev.llmsession.model.Curve;
import dev.llmsession.model.HealthPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The YAML file as Jackson reads it; every record validates itself so a bad value is reported where it stands. */
record ConfigFile(@JsonProperty("health") Health health,
        @JsonProperty("store") Store store,
        @JsonProperty("adapters") Map<String, Map<String, Object>> adapters,
        @JsonProperty("prices") Map<String, Price> prices,
        @JsonProperty("statusline") Map<String, Object> statusline,
        @JsonProperty("alerts") Map<String, Object> alerts,
        @JsonProperty("team") Team team,
        @JsonProperty("daemon") Daemon daemon) {

    ConfigFile {
        if (prices != null) {
            prices.forEach((model, p) -> {
                if (p == null) {
                    throw new IllegalArgumentException("prices: '" + model + "' has no rates: give input, output, "
                            + "cacheWrite and cacheRead in USD per million tokens");
                }
            });
        }
    }

    /** The {@code prices:} section: model id (or id prefix) to the user's rates, for the usage reports. */
    Map<String, ModelRates> rates() {
        Map<String, ModelRates> out = new LinkedHashMap<>();
        if (prices != null) {
            prices.forEach((model, p) -> out.put(model, p.rates()));
        }
        return out;
    }

    /**
     * {@code prices: {claude-nova-7: {input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3}}}, USD per million
     * tokens; every rate is required, so a forgotten one is an error instead of a silent 0.
     */
    record Price(@JsonProperty("input") Double input, @JsonProperty("output") Double output,
            @JsonProperty("cacheWrite") Double cacheWrite, @JsonProperty("cacheRead") Double cacheRead) {
        Price {
            List<String> missing = new ArrayList<>();
            if (input == null) {
                missing.add("input");
            }
            if (output == null) {
                missing.add("output");
            }
            if (cacheWrite == null) {
                missing.add("cacheWrite");
            }
            if (cacheRead == null) {
                missing.add("cacheRead");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("missing " + String.join(", ", missing)
                        + " (USD per million tokens; all of input, output, cacheWrite, cacheRead are required)");
            }
            new ModelRates(input, output, cacheWrite, cacheRead);
        }

        ModelRates rates() {
            return new ModelRates(input, output, cacheWrite, cacheRead);
        }
    }

    HealthPolicy policy() {
        return health == null ? HealthPolicy.DEFAULT : health.policy();
    }

    /**
     * {@code adapters: {claude-code: {roots: [a, b]}}} → {@code claude-code.roots=a,b}; {@code store: {dir: D}} →
     * {@code store.dir=D} (what {@code --data-dir} overrides).
     */
    Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        if (store != null && store.dir() != null && !store.dir().isBlank()) {
            out.put("store.dir", store.dir());
        }
        // statusline: {segments: [...], colour: auto}, alerts: {desktop: true} → statusline.segments, alerts.desktop
        if (statusline != null) {
            statusline.forEach((key, value) -> flatten("statusline." + key, value, out));
        }
        if (alerts != null) {
            alerts.forEach((key, value) -> flatten("alerts." + key, value, out));
        }
        if (team != null) {
            team.settings(out);
        }
        if (daemon != null && daemon.autostart() != null) {
            out.put(CliConfig.DAEMON_AUTOSTART, daemon.autostart().toString());
        }
        if (daemon != null && daemon.idle() != null) {
            out.put(CliConfig.DAEMON_IDLE, daemon.idle().toMillis() + "ms");
        }
        if (adapters != null) {
            adapters.forEach((id, values) -> {
                if (values != null) {
                    values.forEach((key, value) -> flatten(id + "." + key, value, out));
                }
            });
        }
        return out;
    }

    private static void flatten(String key, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(key + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(String.valueOf(v)));
            out.put(key, String.join(",", parts));
        } else if (value != null) {
            out.put(key, String.valueOf(value));
        }
    }

    /**
     * The {@code team:} section: {@code url} (jdbc:postgresql://host:5432/db, TLS through its sslmode),
     * {@code machine} (default the host name), {@code user} (default the login name), {@code passwordFile} (owner-only)
     * and {@code login} (the database role, default the machine). A password is never a setting.
     */
    record Team(@JsonProperty("url") String url, @JsonProperty("machine") String machine,
            @JsonProperty("user") String user, @JsonProperty("passwordFile") String passwordFile,
            @JsonProperty("login") String login) {
        Team {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("team: url is required (jdbc:postgresql://host:5432/db)");
            }
        }

        void settings(Map<String, String> out) {
            out.put("team.url", url.strip());
            putIfSet(out, "team.machine", machine);
            putIfSet(out, "team.user", user);
            putIfSet(out, "team.passwordFile", passwordFile);
            putIfSet(out, "team.login", login);
        }

        private static void putIfSet(Map<String, String> out, String key, String value) {
            if (value != null && !value.isBlank()) {
                out.put(key, value.strip());
            }
        }
    }

    /** The {@code daemon:} section: {@code autostart: false}, {@code idle: 3h}. */
    record Daemon(@JsonProperty("autostart") Boolean autostart, @JsonProperty("idle") Duration idle) {
        Daemon {
            if (idle != null && idle.isZero()) {
                throw new IllegalArgumentException("idle must be longer than 0 (e.g. 3h, 30m)");
            }
        }
    }

    /** The {@code store:} section. */
    record Store(@JsonProperty("dir") String dir) {
    }

    /** The {@code health:} section; missing values keep SPEC §5's defaults. */
    record Health(@JsonProperty("weights") Weights weights,
            @JsonProperty("curves") Curves curves,
            @JsonProperty("errorWindow") Duration errorWindow,
            @JsonProperty("waitingGrace") Duration waitingGrace,
            @JsonProperty("longSession") Duration longSession,
            @JsonProperty("idleAdvice") Duration idleAdvice,
            @JsonProperty("nearAutoCompactPercent") Double nearAutoCompactPercent,
            @JsonProperty("repeatedErrors") Integer repeatedErrors) {

        Health {
            policyOf(weights, curves, errorWindow, waitingGrace, longSession, idleAdvice, nearAutoCompactPercent,
                    repeatedErrors);
        }

        HealthPolicy policy() {
            return policyOf(weights, curves, errorWindow, waitingGrace, longSession, idleAdvice,
                    nearAutoCompactPercent, repeatedErrors);
        }

        private static HealthPolicy policyOf(Weights w, Curves c, Duration errorWindow, Duration waitingGrace,
                Duration longSession, Duration idleAdvice, Double nearAutoCompactPercent, Integer repeatedErrors) {
            HealthPolicy d = HealthPolicy.DEFAULT;
            Weights weights = w == null ? new Weights(null, null, null, null) : w;
            Curves curves = c == null ? new Curves(null, null, null, null) : c;
            return new HealthPolicy(
                    or(weights.tokens(), d.tokensWeight()), or(weights.duration(), d.durationWeight()),
                    or(weights.activity(), d.activityWeight()), or(weights.errors(), d.errorsWeight()),
                    or(curves.tokens(), d.tokensCurve()), or(curves.duration(), d.durationCurve()),
                    or(curves.activity(), d.activityCurve()), or(curves.errors(), d.errorsCurve()),
                    or(errorWindow, d.errorWindow()), or(waitingGrace, d.waitingGrace()),
                    or(nearAutoCompactPercent, d.nearAutoCompactPercent()), or(longSession, d.longSession()),
                    or(idleAdvice, d.idleAdvice()), or(repeatedErrors, d.repeatedErrors()));
        }
    }

    /** {@code weights: {tokens: 0.4, duration: 0.2, activity: 0.2, errors: 0.2}}; must sum to 1. */
    record Weights(@JsonProperty("tokens") Double tokens, @JsonProperty("duration") Double duration,
            @JsonProperty("activity") Double activity, @JsonProperty("errors") Double errors) {
        Weights {
            // The core's own check, run here so that a bad sum is reported at the weights' line.
            HealthPolicy d = HealthPolicy.DEFAULT;
            new HealthPolicy(or(tokens, d.tokensWeight()), or(duration, d.durationWeight()),
                    or(activity, d.activityWeight()), or(errors, d.errorsWeight()),
                    d.tokensCurve(), d.durationCurve(), d.activityCurve(), d.errorsCurve(), d.errorWindow(),
                    d.waitingGrace(), d.nearAutoCompactPercent(), d.longSession(), d.idleAdvice(),
                    d.repeatedErrors());
        }
    }

    /** {@code curves: {tokens: [[40, 100], [85, 60], [100, 0]], …}}. */
    record Curves(@JsonProperty("tokens") Curve tokens, @JsonProperty("duration") Curve duration,
            @JsonProperty("activity") Curve activity, @JsonProperty("errors") Curve errors) {
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
