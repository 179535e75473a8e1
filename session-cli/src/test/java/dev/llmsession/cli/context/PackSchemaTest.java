package dev.llmsession.cli.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.error.InvalidInputException;
import dev.llmsession.model.Compaction;
import dev.llmsession.model.ContextError;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.FileActivity;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TodoItem;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class PackSchemaTest {
    static ContextPack pack() {
        Instant t = Instant.parse("2026-02-12T16:00:00Z");
        SessionContext ctx = new SessionContext(List.of(new ContextMessage("user", Optional.of(t), "goal", false)),
                List.of(new ContextMessage("assistant", Optional.empty(), "answer", true)),
                Optional.of(new Compaction(Optional.of(t), "summary", false)), List.of(new FileActivity("/a", 1, 2, 3)),
                List.of(new TodoItem("do", "pending", Optional.empty())),
                List.of(new ContextError(Optional.of(t), "tool", "boom")));
        return new ContextPack(1, t, new ContextPack.Source("claude-code", "claude_x", Optional.of("/w"),
                Optional.empty(), Optional.of("claude-opus-4-6"), Optional.empty(), t, t.plusSeconds(60)),
                new ContextPack.Figures(OptionalInt.of(81), "healthy", OptionalLong.of(1000), 200_000,
                        OptionalLong.of(5000), OptionalLong.of(3), "measured", Optional.of("0.1234")),
                ctx, new ContextPack.Redaction(true, 0));
    }

    @Test
    void codecTree_validAgainstTheShippedSchema_andItsFieldsAreTheSchemasRequiredOnes() {
        ObjectNode tree = PackCodec.tree(pack());

        assertThat(PackSchema.v1().firstViolation(tree)).isEmpty();
        List<String> written = new ArrayList<>();
        tree.fieldNames().forEachRemaining(written::add);
        List<String> required = new ArrayList<>();
        PackSchema.v1().document().get("required").forEach(n -> required.add(n.asText()));
        assertThat(written).containsExactlyInAnyOrderElementsOf(required);
    }

    @Test
    void encodeThenRead_sameRecords_plainAndGzip() throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            PackCodec.Decoded d = PackCodec.read(new ByteArrayInputStream(PackCodec.encode(pack(), gzip)), "p");

            assertThat(d.pack()).isEqualTo(pack());
            assertThat(d.sha256()).isEqualTo(PackCodec.tree(pack()).get("sha256").asText());
        }
    }

    @Test
    void firstViolation_namesThePathAndTheProblem() {
        ObjectNode tree = PackCodec.tree(pack());
        ((ObjectNode) tree.get("messages").get(0)).put("role", "system");
        ((ObjectNode) tree.get("figures")).put("healthScore", "high");

        assertThat(PackSchema.v1().firstViolation(tree)).contains("$.figures.healthScore: string found, [integer, null]"
                + " expected");
        ((ObjectNode) tree.get("figures")).put("healthScore", 50);
        assertThat(PackSchema.v1().firstViolation(tree)).contains("$.messages[0].role: does not have a value in the "
                + "enumeration [\"user\", \"assistant\"]");
        JsonNode time = ((ObjectNode) tree.get("messages").get(0)).put("role", "user").put("at", "yesterday");
        assertThat(time).isNotNull();
        assertThat(PackSchema.v1().firstViolation(tree)).contains("$.messages[0].at: does not match the date-time pattern "
                + "must be a valid RFC 3339 date-time");
    }

    @Test
    void read_timeInstantParseCannotRead_isRefusedByTheSchemaFirst() throws Exception {
        // decode() uses Instant.parse (at most nine fraction digits): the schema's date-time must refuse all it cannot
        ObjectNode tree = PackCodec.tree(pack());
        ((ObjectNode) tree.get("messages").get(0)).put("at", "2026-02-12T16:00:00.1234567891Z");
        tree.put("sha256", Canonical.sha256(tree));
        byte[] bytes = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(tree);

        assertThatThrownBy(() -> PackCodec.read(new ByteArrayInputStream(bytes), "p"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("p is not a valid context pack: $.messages[0].at: does not match the date-time pattern "
                        + "must be a valid RFC 3339 date-time");
    }
}
