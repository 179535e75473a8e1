package dev.llmsession.api;

import dev.llmsession.model.Compaction;
import dev.llmsession.model.ContextError;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.FileActivity;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TodoItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@code [REDACTED:<kind>]}: API keys and tokens of Anthropic, OpenAI, AWS, GitHub,
 * Slack and Google, private key blocks, bearer tokens, and {@code .env}-style assignments whose name ends in
 * SECRET, TOKEN, KEY, PASSWORD or PASSWD. Errs on the side of redacting: a pack is a brief, and a lost word costs
 * less than a leaked key. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SecretRedactor {
    /** The start of every replacement. */
    public static final String MARKER = "[REDACTED:";

    private static final SecretRedactor STANDARD = new SecretRedactor(List.of(
            // A private key block, also when trimming cut its END line off.
            rule("private-key", "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?"
                    + "(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)", 0),
            rule("anthropic-key", "\\bsk-ant-[A-Za-z0-9_-]{16,}", 0),
            rule("openai-key", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", 0),
            rule("aws-access-key", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", 0),
            rule("github-token", "\\b(?:gh[posur]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})", 0),
            rule("slack-token", "\\bxox[bpars]-[A-Za-z0-9-]{10,}", 0),
            rule("google-key", "\\bAIza[0-9A-Za-z_-]{35}", 0),
            // Bearer tokens keep the word "Bearer" (group 1) and lose the credential.
            rule("bearer-token", "(?i)(\\bBearer\\s+)(?!\\[REDACTED)[A-Za-z0-9._~+/=-]{12,}", 1),
            // AWS secret keys appear as assignments: aws_secret_access_key = 40 base64 characters.
            rule("aws-secret-key", "(?i)(aws_?secret_?access_?key[\"']?\\s*[=:]\\s*[\"']?)[A-Za-z0-9/+=]{40}", 1),
            // NAME=value, NAME: value, "name": "value" where the name ends in a secret word.
            rule("secret-assignment", "(?i)(\\b[A-Za-z0-9_.-]*(?:secret|token|key|password|passwd)[\"']?"
                    + "[ \\t]*[=:][ \\t]*[\"']?)(?!\\[REDACTED)[^\\s\"'`,;)}\\]]{4,}", 1)));

    private final List<Rule> rules;

    private SecretRedactor(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The redactor of every kind listed above. */
    public static SecretRedactor standard() {
        return STANDARD;
    }

    /**
     * A redacted text and how many secrets were replaced in it.
     *
     * @param text  the text without secrets
     * @param count replacements made
     * @since 0.1
     */
    public record Redacted(String text, int count) {
        public Redacted {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code text} with every secret replaced. */
    public Redacted redact(String text) {
        Objects.requireNonNull(text, "text");
        String current = text;
        int count = 0;
        for (Rule rule : rules) {
            Matcher m = rule.pattern.matcher(current);
            if (!m.find()) {
                continue;
            }
            StringBuilder out = new StringBuilder(current.length());
            do {
                String kept = rule.keepGroup > 0 ? m.group(rule.keepGroup) : "";
                m.appendReplacement(out, Matcher.quoteReplacement(kept + MARKER + rule.kind + "]"));
                count++;
            } while (m.find());
            m.appendTail(out);
            current = out.toString();
        }
        return new Redacted(current, count);
    }

    /** {@code pack} with every string redacted, its redaction record saying how many secrets were replaced. */
    public ContextPack redact(ContextPack pack) {
        Counter c = new Counter();
        ContextPack.Source s = pack.source();
        ContextPack.Source source = new ContextPack.Source(c.text(s.assistant()), c.text(s.id()), c.opt(s.cwd()),
                c.opt(s.gitBranch()), c.opt(s.model()), c.opt(s.title()), s.startedAt(), s.lastActivityAt());
        SessionContext ctx = pack.context();
        List<ContextMessage> goals = new ArrayList<>();
        ctx.goals().forEach(m -> goals.add(new ContextMessage(m.role(), m.at(), c.text(m.text()), m.trimmed())));
        List<ContextMessage> messages = new ArrayList<>();
        ctx.messages().forEach(m -> messages.add(new ContextMessage(m.role(), m.at(), c.text(m.text()), m.trimmed())));
        Optional<Compaction> compaction = ctx.compaction()
                .map(k -> new Compaction(k.at(), c.text(k.summary()), k.trimmed()));
        List<FileActivity> files = new ArrayList<>();
        ctx.files().forEach(f -> files.add(new FileActivity(c.text(f.path()), f.reads(), f.edits(), f.writes())));
        List<TodoItem> todos = new ArrayList<>();
        ctx.todos().forEach(t -> todos.add(new TodoItem(c.text(t.content()), c.text(t.status()),
                c.opt(t.activeForm()))));
        List<ContextError> errors = new ArrayList<>();
        ctx.errors().forEach(e -> errors.add(new ContextError(e.at(), c.text(e.kind()), c.text(e.text()))));
        SessionContext redacted = new SessionContext(goals, messages, compaction, files, todos, errors);
        return pack.with(source, redacted, new ContextPack.Redaction(true, pack.redaction().count() + c.count));
    }

    private static Rule rule(String kind, String regex, int keepGroup) {
        return new Rule(kind, Pattern.compile(regex), keepGroup);
    }

    private record Rule(String kind, Pattern pattern, int keepGroup) {
    }

    /** Redacts strings and adds up the replacements. */
    private final class Counter {
        private int count;

        String text(String s) {
            Redacted r = redact(s);
            count += r.count();
            return r.text();
        }

        Optional<String> opt(Optional<String> s) {
            return s.map(this::text);
        }
    }
}
