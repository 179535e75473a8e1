package dev.llmsession.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Session;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code list --json} written from each session's text, rendered once per session instance: a resident engine hands
 * out the very {@link Session} it listed before while nothing in it changed, and re-rendering 2,000 unchanged
 * sessions was a third of a warm {@code list --all --json}. Only the two figures that move with the clock
 * ({@code durationSeconds}, {@code idleSeconds}) are written per call; health and the plan limits are part of the
 * text's key. The output is byte for byte what {@link SessionJson#list} gives (SessionTextsTest). Thread-safe.
 */
public final class SessionTexts {
    /** Stand-ins rendered where the clock's figures go; no real duration in seconds is this negative. */
    private static final long DURATION_MARK = Long.MIN_VALUE + 7;
    private static final long IDLE_MARK = Long.MIN_VALUE + 11;
    /** More texts than this are dropped at once: the sessions of a history, not of every world an engine served. */
    private static final int MAX_TEXTS = 100_000;
    private static final Map<String, Text> TEXTS = new ConcurrentHashMap<>();

    private SessionTexts() {
    }

    /**
     * {@code list --json}: what {@link SessionJson#list(List, Function, Instant, Function)} builds (with
     * {@code limits}, each session's {@code officialLimits}; without, none), as pre-rendered elements.
     */
    public static ArrayNode list(List<Session> sessions, Function<Session, HealthReport> health, Instant now,
            Optional<Function<Session, Optional<PlanLimits>>> limits) {
        if (TEXTS.size() > MAX_TEXTS) {
            TEXTS.clear();
        }
        ArrayNode array = SessionJson.mapper().createArrayNode();
        // the limits are an assistant's: one node per distinct answer, not one per session
        Map<Optional<PlanLimits>, JsonNode> limitNodes = new java.util.IdentityHashMap<>();
        for (Session s : sessions) {
            HealthReport report = health.apply(s);
            JsonNode official = limits.map(l -> limitNodes.computeIfAbsent(l.apply(s), SessionJson::planLimits))
                    .orElse(null);
            Text text = TEXTS.get(s.id().value());
            if (text == null || !text.fits(s, report, official)) {
                text = Text.render(s, report, official);
                TEXTS.put(s.id().value(), text);
            }
            array.addRawValue(new RawValue(new Element(text, s.duration(now).getSeconds(),
                    s.idle(now).getSeconds())));
        }
        return array;
    }

    /** One session's JSON cut around the clock's two figures, and what it was rendered from. */
    private record Text(Session session, OptionalInt score, HealthLevel level, JsonNode limits, String head,
            String middle, String tail) {

        static Text render(Session s, HealthReport report, JsonNode limits) {
            ObjectNode o = SessionJson.session(s, report, Instant.EPOCH);
            o.put("durationSeconds", DURATION_MARK);
            o.put("idleSeconds", IDLE_MARK);
            if (limits != null) {
                o.set("officialLimits", limits);
            }
            String json;
            try {
                json = SessionJson.mapper().writeValueAsString(o);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
            // field names and numbers are never escaped, and a string's quotes are: these occur once, here
            String duration = "\"durationSeconds\" : " + DURATION_MARK;
            String idle = "\"idleSeconds\" : " + IDLE_MARK;
            int d = json.indexOf(duration);
            int i = json.indexOf(idle);
            if (d < 0 || i < d) {
                throw new IllegalStateException("session JSON without its clock fields");
            }
            int dValue = d + duration.length() - Long.toString(DURATION_MARK).length();
            int iValue = i + idle.length() - Long.toString(IDLE_MARK).length();
            return new Text(s, report.score(), report.level(), limits, json.substring(0, dValue),
                    json.substring(d + duration.length(), iValue), json.substring(i + idle.length()));
        }

        /** Rendered from this very session instance, with this health and these limits. */
        boolean fits(Session s, HealthReport report, JsonNode official) {
            return session == s && score.equals(report.score()) && level == report.level()
                    && java.util.Objects.equals(limits, official);
        }
    }

    /** A text with this call's figures, written where the array's next value goes. */
    private record Element(Text text, long durationSeconds, long idleSeconds) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeRawValue(text.head());
            gen.writeRaw(Long.toString(durationSeconds));
            gen.writeRaw(text.middle());
            gen.writeRaw(Long.toString(idleSeconds));
            gen.writeRaw(text.tail());
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                throws IOException {
            serialize(gen, serializers);
        }
    }
}
