package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PlainSql} reads every statement as JDBI's own parser and template engine read it. */
class PlainSqlTest {
    @RegisterExtension
    final FreshStores stores = new FreshStores();

    private static final String ALPHABET = "ab_0$.:?'<>-/* \n\\\"é";

    @Test
    void theStoresStatementsAndRandomTextReadAsJdbiReadsThem() {
        List<String> statements = new ArrayList<>(List.of(
                "SELECT s.session_id FROM sample s WHERE s.session_id IN (<ids>) AND s.at = (SELECT MAX(m.at) "
                        + "FROM sample m WHERE m.session_id = s.session_id)",
                "INSERT INTO sample (session_id, at) VALUES (:id, :at) ON CONFLICT (session_id, at) DO UPDATE SET "
                        + "at = excluded.at",
                "SELECT * FROM usage WHERE (:since IS NULL OR at >= :since) AND at < :until AND key <> 'nokey:x'",
                "SELECT x::text, '?' || :a?.b, ?? FROM t WHERE a = ? AND b = ?", "a 'it''s :x' :y", "<0> <a$b> < c>",
                ":", "?", "'", "x <ids", "/* :x */ :y", "-- :x\n :y", "// :x\n :y", "\\:x :y", "\"a:b\" :c",
                "\"\" :c", ":é", "<é>", "SELECT \"offset\", :a FROM t WHERE \"x:y\" = :b", "\"<a>\" <b>"));
        Random random = new Random(42);
        for (int i = 0; i < 40_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            statements.add(s.toString());
        }
        StatementContext ctx = context();
        PlainSql.Parser plain = new PlainSql.Parser();
        ColonPrefixSqlParser jdbi = new ColonPrefixSqlParser();
        PlainSql.Attributes plainAttributes = new PlainSql.Attributes();
        DefinedAttributeTemplateEngine jdbiAttributes = new DefinedAttributeTemplateEngine();
        int plainOnes = 0;
        for (String sql : statements) {
            plainOnes += PlainSql.plain(sql) ? 1 : 0;
            assertThat(outcome(() -> describe(plain.parse(sql, ctx))))
                    .as("parameters of [%s]", sql).isEqualTo(outcome(() -> describe(jdbi.parse(sql, ctx))));
            assertThat(outcome(() -> plainAttributes.render(sql, ctx)))
                    .as("attributes of [%s]", sql).isEqualTo(outcome(() -> jdbiAttributes.render(sql, ctx)));
        }
        assertThat(plainOnes).as("the plain scan is what most of these take").isGreaterThan(statements.size() / 10);
        assertThat(new PlainSql.Parser().nameParameter("__ids_0", ctx)).isEqualTo(jdbi.nameParameter("__ids_0", ctx));
    }

    @Test
    void theStoreUsesThePlainReaders() {
        SqliteSessionStore store = stores.open();
        Object parser = store.query(h -> h.getConfig(SqlStatements.class).getSqlParser());
        Object attributes = store.query(h -> h.getConfig(SqlStatements.class).getTemplateEngine());
        assertThat(parser).isInstanceOf(PlainSql.Parser.class);
        assertThat(attributes).isInstanceOf(PlainSql.Attributes.class);
    }

    /** A statement context with attributes a, b, ids, 0, a$b and _ defined. */
    private StatementContext context() {
        return stores.open().query(h -> {
            var query = h.createQuery("SELECT 1");
            query.define("a", "A").define("b", "B").define("ids", ":__ids_0,:__ids_1").define("0", "zero")
                    .define("a$b", "AB").define("_", "U");
            return query.getContext();
        });
    }

    private static String describe(ParsedSql parsed) {
        return parsed.getSql() + " | " + parsed.getParameters().getParameterNames() + " | "
                + parsed.getParameters().isPositional();
    }

    /** The value, or the exception's class and message: both readers must agree on failures too. */
    private static String outcome(Supplier<String> read) {
        try {
            return "ok: " + read.get();
        } catch (RuntimeException e) {
            return "failed: " + e.getClass().getName() + ": " + e.getMessage() + (e.getCause() == null ? ""
                    : " caused by " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
        }
    }
}
