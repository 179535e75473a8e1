package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmsession.cli.render.JsonWarmUp;
import dev.llmsession.cli.render.SessionTexts;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The warm-up renders through the very path {@code list --json} takes, and leaves the real sessions' output alone. */
final class JsonWarmUpTest {
    @Test
    void rendersTheMadeUpSession_asListJsonElements() throws Exception {
        StringWriter out = new StringWriter();

        JsonWarmUp.run(out);

        List<JsonNode> arrays = new ArrayList<>();
        try (JsonParser p = new ObjectMapper().createParser(out.toString())) {
            new ObjectMapper().readValues(p, JsonNode.class).forEachRemaining(arrays::add);
        }
        assertThat(arrays).hasSizeGreaterThan(100).allSatisfy(a -> {
            assertThat(a.isArray()).isTrue();
            assertThat(a).singleElement().satisfies(s -> {
                assertThat(s.get("nativeId").asText()).isEqualTo("llm-session-json-warm-up");
                assertThat(s.get("title").asText()).isEqualTo("Warm up the \"JSON\" writer — é ☃");
                assertThat(s.get("officialLimits").isNull()).isTrue();
            });
        });
    }

    @Test
    void aListingAfterTheWarmUp_isTheSameAsBefore() {
        var sessions = Fixtures.all();
        Map<dev.llmsession.model.Session, dev.llmsession.model.HealthReport> health = new java.util.HashMap<>();
        sessions.forEach(s -> health.put(s, new dev.llmsession.model.HealthReport(s.id(),
                java.util.OptionalInt.of(70), dev.llmsession.model.HealthLevel.of(70), List.of(), List.of())));
        String before = text(SessionTexts.list(sessions, health::get, Fixtures.NOW, Optional.empty()));

        JsonWarmUp.run(java.io.Writer.nullWriter());

        assertThat(text(SessionTexts.list(sessions, health::get, Fixtures.NOW, Optional.empty())))
                .isEqualTo(before).doesNotContain("warm-up");
    }

    private static String text(ArrayNode array) {
        StringWriter out = new StringWriter();
        dev.llmsession.cli.render.SessionJson.write(array, out);
        return out.toString();
    }
}
