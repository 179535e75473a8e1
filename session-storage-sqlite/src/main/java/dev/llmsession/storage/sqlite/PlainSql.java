package dev.llmsession.storage.sqlite;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * JDBI's {@code <name>} attributes and {@code :name} parameters, read by a plain scan of the statement. JDBI's own
 * readers run a generated lexer that a short command executes mostly in the interpreter, for every statement it
 * meets once: 50-100 ms of a {@code list} (JFR). The store's statements use a small part of that syntax; a
 * statement with anything else (a backslash, a comment, a character beyond ASCII, empty double quotes, an
 * unterminated quote) is handed to JDBI's readers, so every statement reads exactly as JDBI reads it
 * ({@code PlainSqlTest}).
 */
final class PlainSql {
    private PlainSql() {
    }

    /** Whether the scan below reads {@code sql} as JDBI's lexers do; otherwise JDBI's readers are used. */
    static boolean plain(String sql) {
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            if (c > 0x7e || c == '\\') {
                return false;
            }
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                if (c == '"' && next == '"') {
                    return false; // JDBI's lexers read no empty double-quoted text
                }
                quote = c;
            } else if ((c == '/' || c == '-') && next == c || c == '/' && next == '*') {
                return false;
            }
        }
        return quote == 0;
    }

    /** The index after the quoted text that starts at {@code i} (a plain statement closes every quote). */
    private static int afterQuote(String sql, int i) {
        return sql.indexOf(sql.charAt(i), i + 1) + 1;
    }

    private static boolean nameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c == '.';
    }

    /** {@code :name} and {@code ?} parameters, as {@link ColonPrefixSqlParser} reads them. */
    static final class Parser implements SqlParser {
        private final ColonPrefixSqlParser jdbi = new ColonPrefixSqlParser();

        @Override
        public ParsedSql parse(String sql, StatementContext ctx) {
            if (!plain(sql)) {
                return jdbi.parse(sql, ctx);
            }
            ParsedSql.Builder out = ParsedSql.builder();
            StringBuilder literal = new StringBuilder(sql.length());
            int i = 0;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
                if (c == '\'' || c == '"') {
                    int end = afterQuote(sql, i);
                    literal.append(sql, i, end);
                    i = end;
                } else if ((c == ':' || c == '?') && next == c) {
                    literal.append(c).append(c); // a cast, or a literal question mark
                    i += 2;
                } else if (c == ':' && (nameChar(next) || next == '?' && i + 2 < sql.length()
                        && sql.charAt(i + 2) == '.')) {
                    int end = i + 1;
                    while (end < sql.length()) {
                        if (nameChar(sql.charAt(end))) {
                            end++;
                        } else if (sql.charAt(end) == '?' && end + 1 < sql.length() && sql.charAt(end + 1) == '.') {
                            end += 2;
                        } else {
                            break;
                        }
                    }
                    out.append(literal.toString()).appendNamedParameter(sql.substring(i + 1, end));
                    literal.setLength(0);
                    i = end;
                } else if (c == '?') {
                    out.append(literal.toString()).appendPositionalParameter();
                    literal.setLength(0);
                    i++;
                } else {
                    literal.append(c);
                    i++;
                }
            }
            return out.append(literal.toString()).build();
        }

        @Override
        public String nameParameter(String rawName, StatementContext ctx) {
            return jdbi.nameParameter(rawName, ctx);
        }
    }

    /** {@code <name>} replaced by the statement's attribute of that name, as {@link DefinedAttributeTemplateEngine}. */
    static final class Attributes implements TemplateEngine {
        private final DefinedAttributeTemplateEngine jdbi = new DefinedAttributeTemplateEngine();

        @Override
        public String render(String template, StatementContext ctx) {
            return parse(template, ctx.getConfig()).orElseThrow().apply(ctx);
        }

        @Override
        public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
            if (!plain(template)) {
                return jdbi.parse(template, config);
            }
            if (template.indexOf('<') < 0) {
                return Optional.of(ctx -> template);
            }
            return Optional.of(ctx -> {
                StringBuilder out = new StringBuilder(template.length() + 64);
                int i = 0;
                while (i < template.length()) {
                    char c = template.charAt(i);
                    if (c == '\'' || c == '"') {
                        int end = afterQuote(template, i);
                        out.append(template, i, end);
                        i = end;
                        continue;
                    }
                    int end = c == '<' ? attributeEnd(template, i) : -1;
                    if (end < 0) {
                        out.append(c);
                        i++;
                        continue;
                    }
                    String name = template.substring(i + 1, end);
                    Object value = ctx.getAttribute(name);
                    if (value == null) {
                        // JDBI's engine throws its own exception for it
                        return jdbi.parse(template, ctx.getConfig()).orElseThrow().apply(ctx);
                    }
                    out.append(value);
                    i = end + 1;
                }
                return out.toString();
            });
        }

        /** The index of the {@code >} closing an attribute name (letters, digits, _, $, .) after {@code i}, or -1. */
        private static int attributeEnd(String template, int i) {
            int j = i + 1;
            while (j < template.length() && nameChar(template.charAt(j))) {
                j++;
            }
            return j > i + 1 && j < template.length() && template.charAt(j) == '>' ? j : -1;
        }
    }
}
