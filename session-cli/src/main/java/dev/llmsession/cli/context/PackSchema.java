package dev.llmsession.cli.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a pack against the JSON Schema shipped in the jar ({@value #RESOURCE}), so the published schema is the
 * rule import applies and cannot drift from it. The checking is networknt's json-schema-validator (draft 2020-12,
 * on the Jackson tree the codec already has), with {@code format} asserted (a {@code date-time} must be one) and
 * remote fetching off: the schema refers only to its own {@code $defs}. Immutable and thread-safe.
 */
public final class PackSchema {
    /** Where the schema lives on the class path (and in the jar). */
    public static final String RESOURCE = "llm-session/context-pack-v1.schema.json";

    private static final PackSchema V1 = load();

    private final JsonNode root;
    private final Schema schema;

    private PackSchema(JsonNode root, Schema schema) {
        this.root = root;
        this.schema = schema;
    }

    /** The version-1 schema. */
    public static PackSchema v1() {
        return V1;
    }

    /** The schema document itself. */
    public JsonNode document() {
        return root;
    }

    private static PackSchema load() {
        JsonNode root;
        try (InputStream in = PackSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true)
                .locale(Locale.ROOT)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(config).schemaLoader(l -> l.fetchRemoteResources(false)));
        Schema schema = registry.getSchema(SchemaLocation.of(root.path("$id").asText()), root);
        schema.initializeValidators();
        return new PackSchema(root, schema);
    }

    /** The first violation, as {@code $.path: what is wrong} on one line; empty when {@code pack} is valid. */
    public Optional<String> firstViolation(JsonNode pack) {
        List<Error> errors = schema.validate(pack);
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0).toString().replace('\n', ' '));
    }
}
