package dev.llmsession.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.HealthComponent;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * SPEC §2's JSON contract, built with Jackson's tree model. A figure that is not known is {@code null}, never 0.
 * Field names are stable: scripts depend on them.
 */
public final class SessionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(new com.fasterxml.jackson.core.JsonFactory()
            .setCharacterEscapes(Printable.jsonEscapes()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private SessionJson() {
    }

    /** The mapper every command writes JSON with. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes {@code node} pretty-printed to {@code out}, with a final newline, without building its text first:
     * {@code list --all --json} is megabytes, and a resident engine collects every copy of it.
     */
    public static void write(JsonNode node, java.io.Writer out) {
        try {
            MAPPER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(out, node);
            out.write(System.lineSeparator());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write JSON", e);
        }
    }

    /** Pretty-printed JSON text of {@code node}, with a final newline. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** {@code list --json}: one element per session. */
    public static ArrayNode list(List<Session> sessions, Function<Session, HealthReport> health, Instant now) {
        ArrayNode array = MAPPER.createArrayNode();
        sessions.forEach(s -> array.add(session(s, health.apply(s), now)));
        return array;
    }

    /**
     * The official plan limits as JSON: {@code source}, {@code observedAt}, and {@code fiveHour} /
     * {@code sevenDay} each {@code {usedPercent, resetsAt}} or null ({@code fiveHour} also has {@code limitAt}, when
     * the 5-hour limit is reached at the window's rate so far); a JSON null when none is known.
     */
    public static JsonNode planLimits(Optional<PlanLimits> limits) {
        if (limits.isEmpty()) {
            return MAPPER.nullNode();
        }
        PlanLimits p = limits.get();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("source", p.source());
        n.put("observedAt", iso(p.observedAt()));
        n.set("fiveHour", window(p.fiveHour()));
        if (n.get("fiveHour").isObject()) {
            putTime((ObjectNode) n.get("fiveHour"), "limitAt", p.fiveHourLimitAt());
        }
        n.set("sevenDay", window(p.sevenDay()));
        return n;
    }

    private static JsonNode window(Optional<PlanLimits.Window> window) {
        if (window.isEmpty()) {
            return MAPPER.nullNode();
        }
        ObjectNode n = MAPPER.createObjectNode();
        putNumber(n, "usedPercent", Optional.of(window.get().usedPercent()), 1);
        putTime(n, "resetsAt", window.get().resetsAt());
        return n;
    }

    private static void putTime(ObjectNode n, String name, Optional<Instant> value) {
        if (value.isPresent()) {
            n.put(name, iso(value.get()));
        } else {
            n.putNull(name);
        }
    }

    /** One session as {@code list --json} writes it. */
    public static ObjectNode session(Session s, HealthReport health, Instant now) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", s.id().value());
        o.put("assistant", s.assistant());
        o.put("nativeId", s.id().nativeId());
        if (s.pid().isPresent()) {
            o.put("pid", s.pid().getAsLong());
        } else {
            o.putNull("pid");
        }
        o.put("running", s.running());
        o.put("state", s.activity().state().name());
        o.put("stateEvidence", s.activity().evidence());
        putText(o, "cwd", s.cwd());
        putText(o, "project", s.project());
        putText(o, "gitBranch", s.gitBranch());
        putText(o, "title", s.title());
        putText(o, "model", s.model());
        o.put("startedAt", iso(s.startedAt()));
        o.put("lastActivityAt", iso(s.lastActivityAt()));
        o.put("durationSeconds", s.duration(now).getSeconds());
        o.put("idleSeconds", s.idle(now).getSeconds());
        o.set("tokens", tokens(s.tokens()));
        o.set("context", context(s.context()));
        if (s.cost().usd().isPresent()) {
            o.put("costUsd", rounded(s.cost().usd().getAsDouble(), 4));
        } else {
            o.putNull("costUsd");
        }
        o.put("costSource", costSource(s.cost()));
        ObjectNode errors = o.putObject("errors");
        errors.put("api", s.errors().api());
        errors.put("tool", s.errors().tool());
        errors.put("interrupts", s.errors().interrupts());
        ObjectNode h = o.putObject("health");
        if (health.score().isPresent()) {
            h.put("score", health.score().getAsInt());
        } else {
            h.putNull("score");
        }
        h.put("level", health.level().label());
        // Fields added after 0.1 go last, so that the order scripts may read stays as it was.
        o.put("needsAttention", s.activity().state().needsUser());
        putText(o, "kind", s.kind().map(dev.llmsession.model.SessionKind::label));
        return o;
    }

    /** {@code health <id> --json}: the session object with the components and recommendations. */
    public static ObjectNode health(Session s, HealthReport report, Instant now) {
        ObjectNode o = session(s, report, now);
        ObjectNode h = (ObjectNode) o.get("health");
        ArrayNode components = h.putArray("components");
        for (HealthComponent c : report.components()) {
            ObjectNode n = components.addObject();
            n.put("name", c.name());
            putNumber(n, "value", c.value().isPresent() ? Optional.of(c.value().getAsDouble()) : Optional.empty(), 2);
            n.put("measured", c.measured());
            putNumber(n, "score", c.score().isPresent() ? Optional.of(c.score().getAsDouble()) : Optional.empty(), 1);
            putNumber(n, "weight", Optional.of(c.weight()), 4);
            putNumber(n, "effectiveWeight", Optional.of(c.effectiveWeight()), 4);
        }
        ArrayNode recs = h.putArray("recommendations");
        for (Recommendation r : report.recommendations()) {
            ObjectNode n = recs.addObject();
            n.put("severity", r.severity().name().toLowerCase(Locale.ROOT));
            n.put("code", r.code());
            n.put("message", r.message());
        }
        return o;
    }

    private static ObjectNode tokens(TokenFigures t) {
        ObjectNode n = MAPPER.createObjectNode();
        boolean known = t.known();
        usage(n, t.total(), known, true);
        n.put("source", t.source().name().toLowerCase(Locale.ROOT));
        ObjectNode sub = n.putObject("subagents");
        usage(sub, t.subagents(), known, false);
        return n;
    }

    private static void usage(ObjectNode n, TokenUsage u, boolean known, boolean withTotal) {
        putCount(n, "input", u.input(), known);
        putCount(n, "output", u.output(), known);
        putCount(n, "cacheWrite", u.cacheWrite(), known);
        putCount(n, "cacheRead", u.cacheRead(), known);
        if (withTotal) {
            putCount(n, "total", u.total(), known);
        }
        putCount(n, "apiCalls", u.apiCalls(), known);
    }

    /**
     * How the cost was found: {@code computed} from a dated price table, {@code recorded} by the assistant itself
     * (OpenCode), or {@code unknown} ({@code costUsd} null).
     */
    private static String costSource(Cost cost) {
        if (cost.usd().isEmpty()) {
            return "unknown";
        }
        return cost.priceTableDate().isEmpty() ? "recorded" : "computed";
    }

    private static ObjectNode context(ContextFill c) {
        ObjectNode n = MAPPER.createObjectNode();
        if (c.tokens().isPresent()) {
            n.put("tokens", c.tokens().getAsLong());
        } else {
            n.putNull("tokens");
        }
        n.put("window", c.window());
        n.put("windowAssumed", c.windowAssumed());
        putNumber(n, "percent", c.percent().isPresent() ? Optional.of(c.percent().getAsDouble()) : Optional.empty(), 1);
        if (c.autoCompactAt().isPresent()) {
            n.put("autoCompactAt", c.autoCompactAt().getAsLong());
        } else {
            n.putNull("autoCompactAt");
        }
        // the context's figure is measured, or estimated where the assistant records none (Cursor)
        n.put("source", c.source().name().toLowerCase(Locale.ROOT));
        return n;
    }

    private static void putCount(ObjectNode n, String name, long value, boolean known) {
        if (known) {
            n.put(name, value);
        } else {
            n.putNull(name);
        }
    }

    private static void putNumber(ObjectNode n, String name, Optional<Double> value, int decimals) {
        if (value.isEmpty() || !Double.isFinite(value.get())) {
            n.putNull(name);
            return;
        }
        n.put(name, rounded(value.get(), decimals));
    }

    /** {@code value} rounded to {@code decimals}, without trailing zeros but with at least one decimal. */
    static BigDecimal rounded(double value, int decimals) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 1 ? d.setScale(1, RoundingMode.UNNECESSARY) : d;
    }

    private static void putText(ObjectNode n, String name, Optional<String> value) {
        if (value.isPresent()) {
            n.put(name, value.get());
        } else {
            n.putNull(name);
        }
    }

    /** ISO-8601 UTC to the second: {@code 2026-02-12T16:01:02Z}. */
    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
