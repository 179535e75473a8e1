package dev.llmsession.api;

import dev.llmsession.model.Compaction;
import dev.llmsession.model.ContextError;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.FileActivity;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TodoItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@code [REDACTED:<kind>]}. The families are those a well-kept secret scanner
 * (gitleaks' default rule set) knows: private key blocks; provider tokens recognised by their prefix (Anthropic,
 * OpenAI, AWS, GitHub, GitLab, Slack, Google, Stripe, npm, PyPI, Hugging Face, SendGrid, Twilio, Shopify and many
 * more); JSON Web Tokens; credentials inside URLs (database URLs, {@code https://user:pw@}), Slack webhooks, Azure
 * SAS signatures, {@code Authorization: Basic} and {@code Bearer}; {@code mysql -pPASSWORD}; bare AWS secret keys;
 * GCP {@code private_key_id}; assignments whose name says secret, token, key, password, pass or pwd; and any
 * assignment of a high-entropy value. Errs on the side of redacting: a pack is a brief, and a lost word costs less
 * than a leaked key.
 *
 * <p>One pass: every rule is a branch of one precompiled pattern, so a text is scanned once whatever the number of
 * rules. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SecretRedactor {
    /** The start of every replacement. */
    public static final String MARKER = "[REDACTED:";

    /** Characters of a token: what most prefixed tokens are made of. */
    private static final String TOKEN = "[A-Za-z0-9_-]";
    /** An assignment's operator and what follows it up to the value: {@code =}, {@code :}, {@code :=}, quotes. */
    private static final String OPERATOR = "(?::=|=|:)[ \\t]*[\"']?";
    /** A name, its quote and the operator, kept in front of a value known by the name. */
    private static final String ASSIGN = "[\"']?[ \\t]*" + OPERATOR;
    private static final String NOT_DONE = "(?!\\[REDACTED)";
    /** A name that says its value is secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)(?:secret|token|key|password|passwd|passphrase"
            + "|credentials?|auth|(?:^|[_.-])(?:pass|pwd))$");
    private static final Pattern DATABASE_SCHEME = Pattern.compile("(?i)(?:postgres(?:ql)?|mysql|mariadb"
            + "|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|jdbc:[a-z]+)");
    private static final Pattern HIGH_ENTROPY_VALUE = Pattern.compile("[A-Za-z0-9+/=_.~-]{20,}");

    /*
     * Rules made with rule(...) are tried at the start of a word only (which stands for a leading \b); rules made
     * with atMark(...) at a punctuation mark.
     */
    private static final SecretRedactor STANDARD = new SecretRedactor(List.of(
            // A private key block, also when trimming cut its END line off.
            atMark("private-key", "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
                    + "(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\\z)"),
            // Tokens that carry their issuer in a fixed prefix.
            rule("anthropic-key", "sk-ant-" + TOKEN + "{16,}"),
            rule("openai-key", "sk-(?:proj-|svcacct-|admin-)?" + TOKEN + "{20,}"),
            rule("stripe-key", "(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,}"),
            rule("aws-access-key", "(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[0-9A-Z]{16}\\b"),
            rule("github-token", "gh[posur]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}"),
            rule("gitlab-token", "(?:glpat|gloas|gldt|glrt|glcbt|glptt|glft|glimt|glagent|glsoat|glffct)-"
                    + TOKEN + "{20,}|GR1348941" + TOKEN + "{20,}"),
            rule("slack-token", "xox[abeoprs]-[A-Za-z0-9-]{10,}|xapp-\\d-[A-Za-z0-9-]{10,}"),
            rule("slack-webhook", "(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,}"),
            rule("google-key", "AIza[0-9A-Za-z_-]{35}"),
            rule("google-oauth", "GOCSPX-" + TOKEN + "{28}|ya29\\." + TOKEN + "{20,}"),
            rule("npm-token", "npm_[A-Za-z0-9]{36}"),
            rule("pypi-token", "pypi-AgEIcHlwaS5vcmc" + TOKEN + "{40,}"),
            rule("huggingface-token", "(?:hf_|api_org_)[A-Za-z0-9]{30,}"),
            rule("sendgrid-key", "SG\\." + TOKEN + "{16,32}\\." + TOKEN + "{16,64}"),
            rule("twilio-key", "SK[0-9a-fA-F]{32}\\b"),
            rule("shopify-token", "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
            rule("digitalocean-token", "do[opr]_v1_[a-f0-9]{64}"),
            rule("databricks-token", "dapi[a-f0-9]{32}(?:-\\d)?\\b"),
            rule("mailgun-key", "key-[a-f0-9]{32}\\b"),
            rule("mailchimp-key", "[a-f0-9]{32}-us\\d{1,2}\\b"),
            rule("telegram-bot-token", "\\d{8,10}:AA" + TOKEN + "{33}"),
            rule("atlassian-token", "ATATT3" + TOKEN + "{60,}=?[A-Fa-f0-9]{0,8}"),
            rule("age-secret-key", "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
            rule("vault-token", "hv[sb]\\." + TOKEN + "{24,}"),
            rule("terraform-token", "[a-z0-9]{14}\\.atlasv1\\." + TOKEN + "{60,}"),
            rule("doppler-token", "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,}"),
            rule("linear-key", "lin_(?:api|oauth)_[A-Za-z0-9]{40}"),
            rule("postman-key", "PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}"),
            rule("pulumi-token", "pul-[a-f0-9]{40}"),
            rule("grafana-token", "glc_[A-Za-z0-9+/]{32,}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"),
            rule("newrelic-key", "NR(?:AK|JS|II)-[A-Za-z0-9]{27}"),
            rule("sentry-token", "sntry[su]_[A-Za-z0-9+/=_-]{40,}"),
            rule("square-token", "sq0(?:atp|csp)-" + TOKEN + "{22,43}|EAAA" + TOKEN + "{60}"),
            rule("alibaba-key", "LTAI[A-Za-z0-9]{20}\\b"),
            rule("azure-ad-secret", "[A-Za-z0-9]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}"),
            rule("groq-key", "gsk_[A-Za-z0-9]{48,}"),
            rule("xai-key", "xai-[A-Za-z0-9]{60,}"),
            rule("perplexity-key", "pplx-[A-Za-z0-9]{40,}"),
            rule("replicate-token", "r8_[A-Za-z0-9]{37}\\b"),
            rule("jwt", "eyJ" + TOKEN + "{8,}\\.eyJ" + TOKEN + "{8,}\\.(?:" + TOKEN + "{8,})?"),
            // Bearer and Basic keep the scheme and lose the credential; Basic only when it decodes to user:password.
            rule("bearer-token", "(?i)(?<keep>Bearer\\s+)" + NOT_DONE + "[A-Za-z0-9._~+/=-]{12,}"),
            judged("basic-auth", true, "(?i)(?<keep>Basic\\s+)[A-Za-z0-9+/]{6,}={0,2}",
                    (text, at, value) -> isUserColonPassword(value) ? "basic-auth" : null),
            rule("mysql-password", "(?<keep>(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mariadb)\\b"
                    + "[^\\n|;&]*?\\s-p)" + NOT_DONE + "[^\\s'\"]+"),
            // Identifiers that are only secret by the name they are given.
            rule("gcp-private-key-id", "(?i)(?<keep>private_key_id" + ASSIGN + ")[a-f0-9]{40}\\b"),
            rule("aws-secret-key", "(?i)(?<keep>aws_?secret_?access_?key" + ASSIGN + ")[A-Za-z0-9/+=]{40}"),
            // A bare 40-character AWS secret key: upper, lower and digits mixed, and random.
            judged("aws-secret-key", true, "(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
                    (text, at, value) -> mixed(value, 1)
                            && entropy(value) >= 4.2 ? "aws-secret-key" : null),
            // Credentials inside a URL keep the scheme, the user and the host, and lose the password.
            judged("url-credentials", false, "(?<keep>://[^\\s:/@]*:)[^\\s@/]+(?=@)", SecretRedactor::urlKind),
            atMark("azure-sas", "(?<keep>[?&]sig=)" + NOT_DONE + "[A-Za-z0-9%+/=]{20,}"),
            // NAME=value, NAME: value, "name": "value": secret by its name, or by a long random value.
            judged("assignment", false, "(?:(?<=(?i:secret|token|key|passwd|password|passphrase|credentials?|auth"
                    + "|pass|pwd)[\"']?[ \\t]{0,4})|(?=" + OPERATOR + "[A-Za-z0-9+/=_.~-]{20}))(?<keep>" + OPERATOR + ")" + NOT_DONE + "[^\\s\"'`,;)}\\]]{4,}",
                    SecretRedactor::assignmentKind)));

    private final List<Rule> rules;
    /** By an ASCII character: the rules whose match can start with it, as one pattern (null: none). */
    private final Branches[] startingWith = new Branches[128];
    /** How many distinct patterns {@link #startingWith} holds (characters with the same rules share one). */
    private final int unions;
    /** The rules recognised by their value alone, to name the kind of a value given to an assignment. */
    private final Branches byValue;

    private SecretRedactor(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<List<Integer>, Branches> shared = new HashMap<>();
        for (char c = 0; c < 128; c++) {
            char first = c;
            boolean word = isWordStart(c);
            Branches b = union(this.rules, r -> r.atWord() == word && canStartWith(r, first));
            startingWith[c] = b == null ? null : shared.computeIfAbsent(b.members(), k -> b.with(shared.size()));
        }
        this.unions = shared.size();
        this.byValue = union(this.rules, SecretRedactor::byValue);
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

    /**
     * {@code text} with every secret replaced. One walk over the text: at each position only the rules that can
     * start with its character are tried (word rules at the start of a word), and the first match wins.
     */
    public Redacted redact(String text) {
        Objects.requireNonNull(text, "text");
        Matcher[] matchers = new Matcher[unions];
        StringBuilder out = null;
        int copied = 0;
        int count = 0;
        int at = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            Branches branches = c < 128 ? startingWith[c] : null;
            if (branches == null || (isWordStart(c) && at > 0 && isWordChar(text.charAt(at - 1)))) {
                at++;
                continue;
            }
            Matcher m = matchers[branches.id()];
            if (m == null) {
                m = branches.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                matchers[branches.id()] = m;
            }
            m.region(at, text.length());
            if (!m.lookingAt()) {
                at++;
                continue;
            }
            int r = branches.matched(m);
            Rule rule = rules.get(r);
            int secretStart = rule.keeps() ? m.end("k" + r) : at;
            String secret = text.substring(secretStart, m.end());
            String kind = rule.judge().kind(text, at, secret);
            if (kind == null || secret.isEmpty()) {
                at++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, secretStart).append(MARKER).append(valueKind(secret).orElse(kind)).append(']');
            copied = m.end();
            count++;
            at = m.end();
        }
        if (out == null) {
            return new Redacted(text, 0);
        }
        out.append(text, copied, text.length());
        return new Redacted(out.toString(), count);
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

    /** The kind of a token recognised by its shape alone, so an assignment of a known token is named after it. */
    private Optional<String> valueKind(String secret) {
        Matcher v = byValue.pattern().matcher(secret);
        return v.matches() ? Optional.of(rules.get(byValue.matched(v)).kind()) : Optional.empty();
    }

    /** Characters that start the matches of word rules; the others start those of punctuation rules. */
    private static boolean isWordStart(char c) {
        return isWordChar(c) || c == '/' || c == '+';
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Whether a match of {@code rule} can start with {@code c}: the engine ran out of input rather than failing. */
    private static boolean canStartWith(Rule rule, char c) {
        Matcher m = Pattern.compile(branch(rule, 0)).matcher(String.valueOf(c));
        return m.lookingAt() || m.hitEnd();
    }

    /** The rules {@code wanted} picks, as one pattern with a named branch per rule; null when none. */
    private static Branches union(List<Rule> rules, Predicate<Rule> wanted) {
        StringBuilder regex = new StringBuilder();
        List<Integer> members = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            if (wanted.test(rules.get(r))) {
                regex.append(regex.length() > 0 ? "|" : "").append(branch(rules.get(r), r));
                members.add(r);
            }
        }
        return members.isEmpty() ? null : new Branches(Pattern.compile(regex.toString()), members, -1);
    }

    /** A rule's pattern as branch {@code r<i>} with its kept prefix {@code k<i>}; "(?i)" scoped to the branch. */
    private static String branch(Rule rule, int r) {
        String regex = rule.regex().replace("(?<keep>", "(?<k" + r + ">");
        regex = regex.startsWith("(?i)") ? "(?i:" + regex.substring(4) + ")" : regex;
        return "(?<r" + r + ">" + regex + ")";
    }

    /**
     * Rules joined into one pattern.
     *
     * @param pattern the branches, in rule order (the first that matches wins)
     * @param members the index of each branch's rule
     * @param id      its index among the redactor's distinct unions
     */
    private record Branches(Pattern pattern, List<Integer> members, int id) {
        Branches with(int newId) {
            return new Branches(pattern, members, newId);
        }

        /** The index of the rule whose branch matched. */
        int matched(Matcher m) {
            for (int r : members) {
                if (m.start("r" + r) >= 0) {
                    return r;
                }
            }
            throw new IllegalStateException("a match with no rule");
        }
    }

    /** Whether a rule recognises a secret by its shape alone (tried at a word start, no kept prefix, no judge). */
    private static boolean byValue(Rule rule) {
        return rule.atWord() && !rule.keeps() && rule.judge() instanceof Named;
    }

    /** A rule whose match starts at the start of a word. */
    private static Rule rule(String kind, String regex) {
        return new Rule(kind, regex, true, new Named(kind));
    }

    /** A rule whose match starts at a punctuation mark. */
    private static Rule atMark(String kind, String regex) {
        return new Rule(kind, regex, false, new Named(kind));
    }

    /** A rule whose matches are secrets only when {@code judge} names them. */
    private static Rule judged(String kind, boolean atWord, String regex, Judge judge) {
        return new Rule(kind, regex, atWord, judge);
    }

    /** {@code user:password@} in a URL: named for a database when the scheme before it is one. */
    private static String urlKind(String text, int at, String password) {
        int start = at;
        while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || "+.:-".indexOf(text.charAt(start - 1)) >= 0)) {
            start--;
        }
        if (start == at) {
            return null;
        }
        return DATABASE_SCHEME.matcher(text.substring(start, at)).matches() ? "database-url" : "url-credentials";
    }

    /** A value given to a name that says it is secret, or a long random value given to any name. */
    private static String assignmentKind(String text, int at, String value) {
        int end = at;
        if (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
            }
        }
        if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
            end--;
        }
        int start = end;
        while (start > 0 && start > end - 80 && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            return null;
        }
        if (SECRET_NAME.matcher(text.substring(start, end)).find()) {
            return "secret-assignment";
        }
        return HIGH_ENTROPY_VALUE.matcher(value).matches() && mixed(value, 2) && entropy(value) >= 4.0
                ? "high-entropy-assignment" : null;
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        Map<Integer, Integer> counts = new HashMap<>();
        s.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
        double bits = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }

    /** Upper case, lower case and at least {@code digits} digits: random, not a word, a hex hash or an identifier. */
    private static boolean mixed(String s, int digits) {
        return s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                && s.chars().filter(c -> c >= '0' && c <= '9').count() >= digits;
    }

    /** Whether {@code b64} decodes to printable {@code user:password}: "Basic" is also an English word. */
    private static boolean isUserColonPassword(String b64) {
        try {
            String decoded = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
            return decoded.indexOf(':') > 0 && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Names a match, or says it is not a secret (null). */
    @FunctionalInterface
    private interface Judge {
        /**
         * @param text   the whole text
         * @param at     where the match starts in it
         * @param secret the part of the match that would be replaced
         */
        String kind(String text, int at, String secret);
    }

    /** Every match is a secret of one kind. */
    private record Named(String name) implements Judge {
        @Override
        public String kind(String text, int at, String secret) {
            return name;
        }
    }

    /**
     * One family.
     *
     * @param kind   the name in the marker
     * @param regex  the pattern; a {@code (?<keep>...)} prefix is kept, the rest replaced
     * @param atWord whether a match starts at the start of a word (else at a punctuation mark)
     * @param judge  whether a match is a secret, and of which kind
     */
    private record Rule(String kind, String regex, boolean atWord, Judge judge) {
        /** Whether a prefix of the match is kept. */
        boolean keeps() {
            return regex.contains("(?<keep>");
        }
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
