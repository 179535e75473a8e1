package dev.llmsession.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a realistic Claude Code tree ({@code DIR/.claude/projects/<project>/<uuid>.jsonl} plus
 * {@code <uuid>/subagents/agent-*.jsonl}) of a chosen size, deterministic for a seed, streaming every line to disk.
 * It also writes {@code DIR/truth.json}: the totals a reader following SPEC section 4 must report, computed from
 * what was written (never by re-parsing), and {@code DIR/.bench-state.tsv}, from which {@code --append-to N}
 * appends complete calls to N sessions and updates the truth.
 *
 * <p>With {@code --edge-cases} it also writes the shapes SPEC §4's counting rules are about (issue 12), each
 * with its truth: sub-agent files replaying main-chain calls under other request ids (same and later timestamp,
 * rule 4, never a call), resumed sessions whose files start with history copied from an older session of the same
 * project (rule 5, counted once, for the older one), a last line that is a whole call without a newline (rule 1),
 * streams whose copies cross UTC midnight (rule 6, the day of the first line), consecutive failed turns (one
 * each) and calls whose token counts are strings, null, fractions, negative or huge (rule 9: never counted, named
 * as invalid). Without it the corpus is byte-identical to what earlier versions wrote.
 *
 * <pre>
 *   CorpusGenerator --out DIR --size 1g|200m|10m|3m [--seed N] [--single] [--edge-cases]
 *   CorpusGenerator --out DIR --append-to N
 * </pre>
 */
public final class CorpusGenerator {

    static final String STATE_FILE = ".bench-state.tsv";
    static final String TRUTH_FILE = "truth.json";

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long EPOCH_START = Instant.parse("2026-08-01T00:00:00Z").toEpochMilli();
    private static final long EPOCH_SPAN = 110L * 24 * 3600 * 1000;
    private static final String[] MAIN_MODELS = {"claude-opus-4-6", "claude-opus-4-6", "claude-sonnet-4-5-20250929",
        "claude-opus-4-5-20251101", "claude-sonnet-4-6"};
    private static final String[] SUB_MODELS = {"claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"};
    /** Not in any price table: cost must come out unknown, tokens still counted. */
    static final String UNKNOWN_MODEL = "claude-nova-7-20270301";
    private static final String[] WORDS = ("the a of to and in for is on that with as it this be by are from or at "
            + "function class return value test error build module session token cache context window file line "
            + "parser stream index query result request response model usage import export config path write read "
            + "update delete create list map set array string number null true false async await promise thread "
            + "résumé naïve café 東京 🙂 über").split(" ");
    private static final String[] TOOLS = {"Bash", "Read", "Edit", "Grep", "Glob", "Write", "TodoWrite"};
    private static final String[] PROJECTS = {"api", "web", "infra", "billing", "search", "mobile", "docs", "auth",
        "ledger", "pipeline", "scheduler", "gateway", "compiler", "notebook", "crawler", "monitor"};
    private static final char[] B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String FILLER = buildFiller();
    private static final String BASE64 = buildBase64();

    private final Path out;
    private final Path projects;
    private final Map<String, Totals> days = new TreeMap<>();
    private final List<SessionState> sessions = new ArrayList<>();
    /** Whether the counting-rule edge cases are written (see the class comment). */
    private boolean edge;
    private long bytes;
    private long lines;
    private long files;

    private CorpusGenerator(Path out) {
        this.out = out;
        this.projects = out.resolve(".claude").resolve("projects");
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        String size = "10m";
        long seed = 42;
        int appendTo = -1;
        boolean single = false;
        boolean edge = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> dir = Path.of(args[++i]);
                case "--size" -> size = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--append-to" -> appendTo = Integer.parseInt(args[++i]);
                case "--single" -> single = true;
                case "--edge-cases" -> edge = true;
                default -> {
                    System.err.println("usage: CorpusGenerator --out DIR [--size 1g|200m|10m] [--seed N] [--single] "
                            + "[--edge-cases] "
                            + "| --out DIR --append-to N");
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            System.err.println("--out DIR is required");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        if (appendTo >= 0) {
            Summary s = append(dir, appendTo);
            System.out.printf(Locale.ROOT, "appended %d calls to %d sessions in %.2f s%n", s.lines(), appendTo,
                    (System.nanoTime() - t0) / 1e9);
        } else {
            Summary s = generate(dir, parseSize(size), seed, size, single, edge);
            System.out.printf(Locale.ROOT, "wrote %,d bytes, %,d lines, %,d files, %d sessions in %.2f s%n",
                    s.bytes(), s.lines(), s.files(), s.sessions(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** What one run wrote. */
    record Summary(long bytes, long lines, long files, int sessions) {
    }

    static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        return (long) (Double.parseDouble(t) * unit);
    }

    /** Writes a whole corpus of about {@code target} bytes into {@code dir} (which must not hold one yet). */
    static Summary generate(Path dir, long target, long seed, String label) throws IOException {
        return generate(dir, target, seed, label, false);
    }

    /** With {@code single}, one session takes all the bytes (the "5 GB transcript, 50 MB line" case). */
    static Summary generate(Path dir, long target, long seed, String label, boolean single) throws IOException {
        return generate(dir, target, seed, label, single, false);
    }

    /** With {@code edge}, the counting-rule edge cases are written too (see the class comment). */
    static Summary generate(Path dir, long target, long seed, String label, boolean single, boolean edge)
            throws IOException {
        CorpusGenerator g = new CorpusGenerator(dir);
        g.edge = edge;
        Files.createDirectories(g.projects);
        SplittableRandom master = new SplittableRandom(seed);
        int projectCount = (int) Math.max(3, Math.min(PROJECTS.length * 4L, target / (40L << 20) + 3));
        // A few huge sessions take 30 % of the bytes; the rest are many small ones (4 KB .. 2 MB, log-uniform).
        List<Long> budgets = new ArrayList<>();
        if (single) {
            budgets.add(target);
        } else {
            budgets.add(target * 15 / 100);
            budgets.add(target * 10 / 100);
            budgets.add(target * 5 / 100);
        }
        long rest = single ? 0 : target - budgets.get(0) - budgets.get(1) - budgets.get(2);
        while (!single && rest > 0) {
            long b = (long) Math.exp(Math.log(4 << 10) + master.nextDouble() * (Math.log(2 << 20) - Math.log(4 << 10)));
            b = Math.min(b, rest);
            budgets.add(Math.max(b, 4 << 10));
            rest -= b;
        }
        // Spread the huge ones among the small ones so file order is not size order.
        if (budgets.size() > 8) {
            swap(budgets, 1, budgets.size() / 2);
            swap(budgets, 2, budgets.size() - 2);
        }
        long hugeLine = Math.min(50L << 20, Math.max(64 << 10, target / 20));
        for (int i = 0; i < budgets.size(); i++) {
            SplittableRandom r = master.split();
            String projectName = PROJECTS[i * 7 % projectCount % PROJECTS.length]
                    + (i * 7 % projectCount >= PROJECTS.length ? "-" + (i * 7 % projectCount / PROJECTS.length) : "");
            SessionState s = new SessionState();
            s.id = uuid(r);
            s.cwd = "/home/dev/projects/" + projectName;
            s.project = s.cwd.replace('/', '-');
            s.branch = r.nextInt(3) == 0 ? "main" : "feature/" + WORDS[r.nextInt(20)] + "-" + r.nextInt(1000);
            s.version = r.nextInt(4) == 0 ? "2.1.332" : "2.1.39";
            s.model = i % 23 == 4 ? UNKNOWN_MODEL : MAIN_MODELS[r.nextInt(MAIN_MODELS.length)];
            s.ttl1h = r.nextInt(5) == 0;
            s.clock = EPOCH_START + (long) (r.nextDouble() * EPOCH_SPAN);
            s.file = s.project + "/" + s.id + ".jsonl";
            boolean last = i == budgets.size() - 1;
            boolean openEnd = edge && !last && i % 4 == 2;
            g.writeSession(s, r, budgets.get(i), i == 0 ? hugeLine : 0, i == 0 || i % 41 == 3, last,
                    i % 29 == 5, openEnd);
            g.sessions.add(s);
            if (edge && !last && !openEnd && i % 3 == 1) {
                g.sessions.add(g.resumed(s, r));
            }
        }
        g.writeTruth(seed, label, 0);
        return new Summary(g.bytes, g.lines, g.files, g.sessions.size());
    }

    private static void swap(List<Long> l, int a, int b) {
        Long t = l.get(a);
        l.set(a, l.get(b));
        l.set(b, t);
    }

    // ---------------------------------------------------------------- one session

    private void writeSession(SessionState s, SplittableRandom r, long budget, long hugeLine, boolean forceCompact,
            boolean partialLast, boolean endCompacted, boolean openEnd) throws IOException {
        Path file = projects.resolve(s.file);
        Files.createDirectories(file.getParent());
        try (Sink w = new Sink(file, false)) {
            Envelope env = new Envelope(s, false, null);
            w.line("{\"type\":\"file-history-snapshot\",\"messageId\":\"" + uuid(r) + "\",\"snapshot\":{\"messageId\":\""
                    + uuid(r) + "\",\"trackedFileBackups\":{},\"timestamp\":\"" + ts(s.clock) + "\"},"
                    + "\"isSnapshotUpdate\":false}");
            StringBuilder b = env.open(r, "progress", s.clock);
            b.append("\"data\":{\"type\":\"hook_progress\",\"hookEvent\":\"SessionStart\",\"hookName\":"
                    + "\"SessionStart:startup\",\"command\":\"$HOME/.claude/hooks/start.sh\"},\"parentToolUseID\":\"")
                    .append(uuid(r)).append("\",\"toolUseID\":\"").append(uuid(r)).append("\"}");
            w.line(b);
            for (String copied : s.prelude) {
                w.line(copied);
            }
            s.context = 12_000 + r.nextInt(8_000);
            int turn = 0;
            boolean hugeDone = hugeLine == 0;
            boolean compactDone = !forceCompact;
            long start = bytes - w.written;
            // The budget covers the session's sub-agent files too.
            while (bytes - start < budget) {
                turn++;
                userPrompt(w, env, s, r, turn);
                if (!hugeDone && bytes - start > budget / 3) {
                    imageLine(w, env, s, r, hugeLine);
                    hugeDone = true;
                }
                long image = (1L << 20) + r.nextInt(5 << 20);
                if (hugeLine == 0 && r.nextInt(400) == 0 && budget - (bytes - start) > image) {
                    imageLine(w, env, s, r, image);
                }
                int calls = 1 + r.nextInt(6);
                for (int c = 0; c < calls && bytes - start < budget; c++) {
                    boolean subagent = r.nextInt(25) == 0;
                    if (edge && !s.crossedMidnight && r.nextInt(30) == 0) {
                        midnightCall(w, env, s, r);
                    }
                    if (edge && r.nextInt(40) == 0) {
                        invalidCall(w, env, s, r);
                    }
                    call(w, env, s, r, c == calls - 1, subagent);
                    if (edge && r.nextInt(20) == 0) {
                        replay(s, r);
                    }
                }
                if (r.nextInt(12) == 0) {
                    syntheticError(w, env, s, r);
                }
                if (edge && r.nextInt(25) == 0) {
                    // two prompts that both fail: two failed turns, not one incident
                    userPrompt(w, env, s, r, turn);
                    syntheticError(w, env, s, r);
                    userPrompt(w, env, s, r, turn);
                    syntheticError(w, env, s, r);
                }
                systemTurn(w, env, s, r);
                if (s.context > 165_000 || (!compactDone && bytes - start > budget / 2) || r.nextInt(150) == 0) {
                    compact(w, env, s, r);
                    compactDone = true;
                }
            }
            if (endCompacted) {
                compact(w, env, s, r);
            }
            if (openEnd) {
                // a whole call as the last line, without its newline: it counts (SPEC §4 rule 1)
                s.clock += 1_500 + r.nextInt(40_000);
                String msgId = "msg_01" + b62(r, 22);
                long out = 20 + r.nextInt(1_500);
                long cw = 200 + r.nextInt(6_000);
                record(s, s.clock, 4, out, cw, s.context, false);
                s.contextNow = 4 + cw + s.context;
                w.partial(assistantLine(env, s, r, msgId, "req_011C" + b62(r, 18), s.model,
                        "{\"type\":\"text\",\"text\":\"" + filler(r, 200) + "\"}", 4, cw, cw, 0, s.context, out)
                        .toString());
                s.openEnd = true;
            }
            if (partialLast) {
                // Claude Code was writing this line when the corpus was taken: no newline, not a whole object.
                StringBuilder p = assistantLine(env, s, r, "msg_01" + b62(r, 22), "req_011C" + b62(r, 18), s.model,
                        "{\"type\":\"text\",\"text\":\"" + filler(r, 400) + "\"}", 3, 1000, 2000, 0, 50_000, 9);
                w.partial(p.substring(0, p.length() / 2));
            }
        }
        setMtime(file, s.clock);
    }

    // ---------------------------------------------------------------- counting-rule edge cases (--edge-cases)

    private static final long DAY = 24L * 3600 * 1000;
    /** Token counts that are not counts: a string, null, a fraction, negative, above 2^40, past 2^63. */
    private static final String[] INVALID_COUNTS = {"\"12\"", "null", "1.5", "-3", "1099511627777",
        "9223372036854775807", "99999999999999999999"};

    /**
     * A session resumed from {@code s} by an older build: its file starts with a copy of the first calls of
     * {@code s} (under the new session id), which still belong to {@code s}, then goes on with its own turns.
     */
    private SessionState resumed(SessionState s, SplittableRandom r) throws IOException {
        SessionState n = new SessionState();
        n.id = uuid(r);
        n.cwd = s.cwd;
        n.project = s.project;
        n.branch = s.branch;
        n.version = s.version;
        n.model = s.model;
        n.ttl1h = s.ttl1h;
        n.clock = s.clock + 60_000 + r.nextInt(600_000);
        n.file = n.project + "/" + n.id + ".jsonl";
        int copied = s.history.isEmpty() ? 0 : 1 + r.nextInt(Math.min(8, s.history.size()));
        for (int i = 0; i < copied; i++) {
            for (String line : s.history.get(i)) {
                n.prelude.add(line.replace("\"sessionId\":\"" + s.id + "\"", "\"sessionId\":\"" + n.id + "\""));
            }
        }
        s.copiedFrom = true;
        writeSession(n, r, (8 << 10) + r.nextInt(24 << 10), 0, false, false, false, false);
        return n;
    }

    /** Moves the clock to just before the next UTC midnight and writes a call whose copies cross it. */
    private void midnightCall(Sink w, Envelope env, SessionState s, SplittableRandom r) throws IOException {
        long midnight = (s.clock / DAY + 1) * DAY;
        s.clock = midnight - 100 - r.nextInt(800);
        String msgId = "msg_01" + b62(r, 22);
        String reqId = "req_011C" + b62(r, 18);
        long out = 50 + r.nextInt(900);
        long cw = 300 + r.nextInt(3_000);
        record(s, s.clock, 2, out, cw, s.context, false); // the day of its first line
        s.contextNow = 2 + cw + s.context;
        for (int k = 1; k <= 3; k++) {
            if (k > 1) {
                s.clock = Math.max(s.clock, midnight) + 200 + r.nextInt(2_000);
            }
            w.line(assistantLine(env, s, r, msgId, reqId, s.model, "{\"type\":\"text\",\"text\":\""
                    + filler(r, 80) + "\"}", 2, cw, cw, 0, s.context, k == 3 ? out : k));
        }
        s.crossedMidnight = true;
    }

    /** A streamed call whose final copy has a token count that is not one: never counted, named as invalid. */
    private void invalidCall(Sink w, Envelope env, SessionState s, SplittableRandom r) throws IOException {
        s.clock += 1_500 + r.nextInt(20_000);
        String msgId = "msg_01" + b62(r, 22);
        String reqId = "req_011C" + b62(r, 18);
        long input = 1 + r.nextInt(9);
        String bad = INVALID_COUNTS[r.nextInt(INVALID_COUNTS.length)];
        for (int k = 1; k <= 2; k++) {
            String line = assistantLine(env, s, r, msgId, reqId, s.model, "{\"type\":\"text\",\"text\":\""
                    + filler(r, 60) + "\"}", input, 500, 500, 0, s.context, k * 40L).toString();
            w.line(k == 2 ? line.replace("\"input_tokens\":" + input + ",", "\"input_tokens\":" + bad + ",") : line);
        }
        s.invalidCalls++;
        s.contextNow = -1;
    }

    /**
     * A sub-agent file (an {@code aside_question} agent) replaying the last main-chain call under another request
     * id, at the same or a later time: not a call (rule 4).
     */
    private void replay(SessionState s, SplittableRandom r) throws IOException {
        if (s.lastCallLines.isEmpty()) {
            return;
        }
        String agentId = s.newAgentId(r, "aside_question-", 6);
        Path file = projects.resolve(s.project).resolve(s.id).resolve("subagents").resolve("agent-" + agentId + ".jsonl");
        Files.createDirectories(file.getParent());
        String line = s.lastCallLines.get(s.lastCallLines.size() - 1).replace("\"isSidechain\":false",
                "\"isSidechain\":true");
        String request = "\"requestId\":\"req_011C" + b62(r, 18) + "\"";
        line = line.contains("\"requestId\":\"") ? line.replaceFirst("\"requestId\":\"[^\"]*\"", request)
                : line.replace(",\"type\":\"assistant\"", "," + request + ",\"type\":\"assistant\"");
        if (r.nextBoolean()) {
            line = line.replace("\"timestamp\":\"" + ts(s.lastCallAt) + "\"",
                    "\"timestamp\":\"" + ts(s.lastCallAt + 5_000 + r.nextInt(60_000)) + "\"");
        }
        try (Sink w = new Sink(file, false)) {
            w.line(line);
        }
        setMtime(file, s.clock);
    }

    private void userPrompt(Sink w, Envelope env, SessionState s, SplittableRandom r, int turn) throws IOException {
        s.clock += 5_000 + r.nextInt(600_000);
        StringBuilder b = env.open(r, "user", s.clock);
        b.append("\"message\":{\"role\":\"user\",\"content\":\"").append(filler(r, 40 + r.nextInt(600)))
                .append("\"},\"thinkingMetadata\":{\"maxThinkingTokens\":31999},\"todos\":[],")
                .append("\"permissionMode\":\"default\"}");
        w.line(b);
        if (turn % 3 == 0) {
            w.line("{\"type\":\"file-history-snapshot\",\"messageId\":\"" + env.last + "\",\"snapshot\":{\"messageId\":\""
                    + env.last + "\",\"trackedFileBackups\":{},\"timestamp\":\"" + ts(s.clock) + "\"},"
                    + "\"isSnapshotUpdate\":true}");
        }
    }

    private void imageLine(Sink w, Envelope env, SessionState s, SplittableRandom r, long size) throws IOException {
        s.clock += 1_000 + r.nextInt(30_000);
        StringBuilder b = env.open(r, "user", s.clock);
        b.append("\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo");
        w.raw(b);
        long left = size;
        int off = r.nextInt(BASE64.length() / 2);
        byte[] chunk = BASE64.substring(off).getBytes(StandardCharsets.US_ASCII);
        while (left > 0) {
            int n = (int) Math.min(left, chunk.length);
            w.bytes(chunk, n);
            left -= n;
        }
        w.line("\"}},{\"type\":\"text\",\"text\":\"what is wrong in this screenshot?\"}]}}");
        s.context += (int) Math.min(size / 750, 1600);
    }

    /** One API call: 2-5 streamed lines sharing message id and request id, output growing, tool results between. */
    private void call(Sink w, Envelope env, SessionState s, SplittableRandom r, boolean lastOfTurn, boolean subagent)
            throws IOException {
        String msgId = "msg_01" + b62(r, 22);
        String reqId = r.nextInt(20) == 0 ? null : "req_011C" + b62(r, 18);
        long input = 1 + r.nextInt(10);
        long cacheRead = s.context;
        long cacheWrite = 200 + r.nextInt(r.nextInt(8) == 0 ? 30_000 : 6_000);
        long w1h = s.ttl1h ? cacheWrite * r.nextInt(3) / 2 : 0;
        long w5m = cacheWrite - w1h;
        long output = 20 + r.nextInt(r.nextInt(5) == 0 ? 12_000 : 1_500);
        int parts = 2 + r.nextInt(4);
        if (edge) {
            s.lastCallLines = new ArrayList<>();
            if (s.history.size() < 40) {
                s.history.add(s.lastCallLines);
            }
        }
        s.clock += 1_500 + r.nextInt(40_000);
        record(s, s.clock, input, output, w5m + w1h, cacheRead, false);
        s.contextNow = input + cacheWrite + cacheRead;
        s.context = cacheRead + cacheWrite + output / 2;
        for (int k = 1; k <= parts; k++) {
            long out = k == parts ? output : Math.max(1, output * k / (parts * 4));
            String block;
            boolean tool = k == parts && !lastOfTurn || k > 1 && r.nextInt(3) == 0;
            String toolId = "toolu_01" + b62(r, 22);
            String toolName = subagent && k == parts ? "Task" : TOOLS[r.nextInt(TOOLS.length)];
            if (k == 1 && r.nextBoolean()) {
                block = "{\"type\":\"thinking\",\"thinking\":\"" + filler(r, 100 + r.nextInt(1500))
                        + "\",\"signature\":\"" + b62(r, 180) + "\"}";
            } else if (tool) {
                block = "{\"type\":\"tool_use\",\"id\":\"" + toolId + "\",\"name\":\"" + toolName
                        + "\",\"input\":{\"command\":\"" + filler(r, 30 + r.nextInt(200))
                        + "\",\"description\":\"" + filler(r, 30) + "\"},\"caller\":{\"type\":\"direct\"}}";
            } else {
                block = "{\"type\":\"text\",\"text\":\"" + filler(r, 50 + r.nextInt(1200)) + "\"}";
            }
            if (k > 1) {
                s.clock += 50 + r.nextInt(3_000);
            }
            StringBuilder line = assistantLine(env, s, r, msgId, reqId, s.model, block, input, w5m + w1h, w5m, w1h,
                    cacheRead, out);
            w.line(line);
            if (edge) {
                s.lastCallLines.add(line.toString());
                s.lastCall = new long[] {input, output, w5m + w1h, cacheRead};
                s.lastCallId = msgId;
                s.lastCallAt = s.clock;
            }
            if (tool) {
                if ("Task".equals(toolName)) {
                    subagent(w, env, s, r, toolId);
                }
                toolResult(w, env, s, r, toolId, toolName);
            }
        }
    }

    private StringBuilder assistantLine(Envelope env, SessionState s, SplittableRandom r, String msgId, String reqId,
            String model, String block, long input, long flatWrite, long w5m, long w1h, long cacheRead, long out) {
        StringBuilder b = env.open(r, null, s.clock);
        String usage = "\"usage\":{\"input_tokens\":" + input + ",\"cache_creation_input_tokens\":" + flatWrite
                + ",\"cache_read_input_tokens\":" + cacheRead + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
                + w5m + ",\"ephemeral_1h_input_tokens\":" + w1h + "},\"output_tokens\":" + out
                + ",\"service_tier\":\"standard\",\"inference_geo\":\"global\"}";
        b.append("\"message\":{\"model\":\"").append(model).append("\",\"id\":\"").append(msgId)
                .append("\",\"type\":\"message\",\"role\":\"assistant\",");
        if (s.version.equals("2.1.332")) {
            // Newer builds write usage before the content.
            b.append(usage).append(",\"content\":[").append(block).append("],\"stop_reason\":null,\"stop_sequence\":null}");
        } else {
            b.append("\"content\":[").append(block).append("],\"stop_reason\":null,\"stop_sequence\":null,")
                    .append(usage).append('}');
        }
        if (reqId != null) {
            b.append(",\"requestId\":\"").append(reqId).append('"');
        }
        b.append(",\"type\":\"assistant\"");
        env.close(b);
        return b;
    }

    private void toolResult(Sink w, Envelope env, SessionState s, SplittableRandom r, String toolId, String tool)
            throws IOException {
        int progress = "Bash".equals(tool) ? r.nextInt(7) : r.nextInt(2);
        for (int i = 0; i < progress; i++) {
            s.clock += 200 + r.nextInt(5_000);
            StringBuilder b = env.open(r, "progress", s.clock);
            String out = filler(r, 100 + r.nextInt(2_000));
            b.append("\"data\":{\"type\":\"bash_progress\",\"output\":\"").append(cut(out, 200))
                    .append("\",\"fullOutput\":\"").append(out).append("\",\"elapsedTimeSeconds\":").append(i + 1)
                    .append(",\"totalLines\":").append(10 + i).append(",\"timeoutMs\":120000},\"toolUseID\":\"bash-progress-")
                    .append(i).append("\",\"parentToolUseID\":\"").append(toolId).append("\"}");
            w.line(b);
        }
        boolean error = r.nextInt(14) == 0;
        s.clock += 100 + r.nextInt(20_000);
        StringBuilder b = env.open(r, "user", s.clock);
        String content = error ? "<tool_use_error>" + filler(r, 80) + "</tool_use_error>"
                : filler(r, r.nextInt(10) == 0 ? 8_000 + r.nextInt(40_000) : 100 + r.nextInt(4_000));
        b.append("\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"").append(toolId)
                .append("\",\"type\":\"tool_result\",\"content\":\"").append(content).append('"');
        if (error) {
            b.append(",\"is_error\":true");
        }
        b.append("}]},\"toolUseResult\":");
        if (error) {
            b.append("\"Error: the tool reported a failure\"");
        } else {
            b.append("{\"stdout\":\"").append(cut(content, 300))
                    .append("\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}");
        }
        b.append(",\"sourceToolAssistantUUID\":\"").append(env.last).append("\"}");
        w.line(b);
        s.context += content.length() / 4;
    }

    private void subagent(Sink main, Envelope mainEnv, SessionState s, SplittableRandom r, String toolId)
            throws IOException {
        String agentId = s.newAgentId(r, "", 7);
        Path file = projects.resolve(s.project).resolve(s.id).resolve("subagents").resolve("agent-" + agentId + ".jsonl");
        Files.createDirectories(file.getParent());
        String model = SUB_MODELS[r.nextInt(SUB_MODELS.length)];
        boolean oldFlat = r.nextInt(3) == 0;
        try (Sink w = new Sink(file, false)) {
            Envelope env = new Envelope(s, true, agentId);
            s.clock += 500;
            StringBuilder b = env.open(r, "user", s.clock);
            b.append("\"message\":{\"role\":\"user\",\"content\":\"").append(filler(r, 200 + r.nextInt(800))).append("\"}}");
            w.line(b);
            long ctx = 9_000 + r.nextInt(6_000);
            int calls = 2 + r.nextInt(8);
            for (int c = 0; c < calls; c++) {
                String msgId = "msg_01" + b62(r, 22);
                String reqId = "req_011C" + b62(r, 18);
                long input = 1 + r.nextInt(6);
                long cw = 300 + r.nextInt(9_000);
                long out = 10 + r.nextInt(900);
                s.clock += 800 + r.nextInt(15_000);
                record(s, s.clock, input, out, cw, ctx, true);
                int parts = 2 + r.nextInt(3);
                for (int k = 1; k <= parts; k++) {
                    String toolUse = "toolu_01" + b62(r, 22);
                    String block = k == parts ? "{\"type\":\"tool_use\",\"id\":\"" + toolUse
                            + "\",\"name\":\"Read\",\"input\":{\"file_path\":\"" + s.cwd + "/src/" + hex(r, 6) + ".java\"}}"
                            : "{\"type\":\"text\",\"text\":\"" + filler(r, 40 + r.nextInt(400)) + "\"}";
                    if (k > 1) {
                        s.clock += 30 + r.nextInt(1_000);
                    }
                    // Before 2.1.152 the flat cache-write field could be 0 while the TTL breakdown held the value.
                    StringBuilder line = assistantLine(env, s, r, msgId, reqId, model, block, input, oldFlat ? 0 : cw,
                            cw, 0, ctx, k == parts ? out : Math.min(out, k * 3L));
                    w.line(line);
                    // The parent shows the sub-agent's progress, nesting its assistant line (usage included).
                    StringBuilder p = mainEnv.open(r, "progress", s.clock);
                    p.append("\"data\":{\"message\":{\"type\":\"assistant\",\"timestamp\":\"").append(ts(s.clock))
                            .append("\",\"message\":{\"model\":\"").append(model).append("\",\"id\":\"").append(msgId)
                            .append("\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[").append(block)
                            .append("],\"usage\":{\"input_tokens\":").append(input)
                            .append(",\"cache_creation_input_tokens\":").append(cw).append(",\"cache_read_input_tokens\":")
                            .append(ctx).append(",\"output_tokens\":").append(k == parts ? out : 1)
                            .append("}},\"requestId\":\"").append(reqId).append("\"},\"normalizedMessages\":[],")
                            .append("\"type\":\"agent_progress\",\"prompt\":\"\",\"agentId\":\"").append(agentId)
                            .append("\"},\"toolUseID\":\"agent_msg_").append(hex(r, 8)).append("\",\"parentToolUseID\":\"")
                            .append(toolId).append("\"}");
                    main.line(p);
                    if (k == parts) {
                        toolResult(w, env, s, r, toolUse, "Read");
                    }
                }
                ctx += cw + out;
            }
        }
        setMtime(file, s.clock);
    }

    private void syntheticError(Sink w, Envelope env, SessionState s, SplittableRandom r) throws IOException {
        s.apiErrors++;
        s.clock += 2_000 + r.nextInt(10_000);
        StringBuilder b = env.open(r, null, s.clock);
        b.append("\"message\":{\"id\":\"").append(uuid(r)).append("\",\"model\":\"<synthetic>\",\"role\":\"assistant\","
                + "\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"\",\"type\":\"message\",\"usage\":{"
                + "\"input_tokens\":0,\"output_tokens\":0,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0,\"server_tool_use\":{\"web_search_requests\":0},"
                + "\"service_tier\":null},\"content\":[{\"type\":\"text\",\"text\":\"API Error: 529 "
                + "{\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"overloaded_error\\\","
                + "\\\"message\\\":\\\"Overloaded\\\"}}\"}]},\"type\":\"assistant\",\"isApiErrorMessage\":true");
        env.close(b);
        w.line(b);
    }

    private void systemTurn(Sink w, Envelope env, SessionState s, SplittableRandom r) throws IOException {
        s.clock += 10 + r.nextInt(200);
        StringBuilder b = env.open(r, "system", s.clock);
        b.append("\"subtype\":\"turn_duration\",\"durationMs\":").append(1_000 + r.nextInt(300_000))
                .append(",\"isMeta\":false}");
        w.line(b);
    }

    private void compact(Sink w, Envelope env, SessionState s, SplittableRandom r) throws IOException {
        s.clock += 20_000 + r.nextInt(60_000);
        // The summariser's own call, a sidechain in agent-acompact-<hex>.jsonl.
        String agentId = s.newAgentId(r, "acompact-", 6);
        Path file = projects.resolve(s.project).resolve(s.id).resolve("subagents").resolve("agent-" + agentId + ".jsonl");
        Files.createDirectories(file.getParent());
        try (Sink a = new Sink(file, false)) {
            Envelope ae = new Envelope(s, true, agentId);
            StringBuilder u = ae.open(r, "user", s.clock);
            u.append("\"message\":{\"role\":\"user\",\"content\":\"Your task is to create a detailed summary of the "
                    + "conversation so far.\"},\"isMeta\":true}");
            a.line(u);
            long out = 2_000 + r.nextInt(6_000);
            long cw = 500 + r.nextInt(4_000);
            String msgId = "msg_01" + b62(r, 22);
            String reqId = "req_011C" + b62(r, 18);
            s.clock += 30_000 + r.nextInt(60_000);
            record(s, s.clock, 3, out, cw, s.context, true);
            a.line(assistantLine(ae, s, r, msgId, reqId, s.model,
                    "{\"type\":\"text\",\"text\":\"<summary>" + filler(r, 2_000) + "</summary>\"}", 3, cw, cw, 0,
                    s.context, out));
        }
        setMtime(file, s.clock);
        s.clock += 100;
        String logical = env.last;
        env.last = null;
        StringBuilder b = env.open(r, "system", s.clock);
        b.append("\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\",\"isMeta\":false,")
                .append("\"level\":\"info\",\"logicalParentUuid\":\"").append(logical).append("\",\"compactMetadata\":")
                .append("{\"trigger\":\"").append(s.context > 160_000 ? "auto" : "manual").append("\",\"preTokens\":")
                .append(s.context).append("}}");
        w.line(b);
        s.clock += 10;
        StringBuilder sum = env.open(r, "user", s.clock);
        sum.append("\"message\":{\"role\":\"user\",\"content\":\"This session is being continued from a previous "
                + "conversation that ran out of context. ").append(filler(r, 3_000 + r.nextInt(12_000)))
                .append("\"},\"isVisibleInTranscriptOnly\":true,\"isCompactSummary\":true}");
        w.line(sum);
        s.context = 25_000 + r.nextInt(15_000);
        s.contextNow = -1;
    }

    private void record(SessionState s, long at, long in, long out, long cw, long cr, boolean sub) {
        Totals t = sub ? s.sub : s.main;
        t.add(in, out, cw, cr);
        days.computeIfAbsent(TS.format(Instant.ofEpochMilli(at)).substring(0, 10), d -> new Totals())
                .add(in, out, cw, cr);
    }

    // ---------------------------------------------------------------- append mode

    static Summary append(Path dir, int n) throws IOException {
        return new CorpusGenerator(dir).appendRound(n);
    }

    private Summary appendRound(int n) throws IOException {
        CorpusGenerator g = this;
        long[] meta = g.readState();
        long seed = meta[0];
        int round = (int) meta[1] + 1;
        SplittableRandom r = new SplittableRandom(seed * 31 + round);
        List<SessionState> candidates = new ArrayList<>();
        for (SessionState s : g.sessions) {
            // a session others copied history from must stay the older one (rule 5 decides by it)
            if (!s.partial && !s.copiedFrom) {
                candidates.add(s);
            }
        }
        int calls = 0;
        for (int i = 0; i < n && !candidates.isEmpty(); i++) {
            SessionState s = candidates.get((int) ((round * 7919L + i * 104_729L) % candidates.size()));
            candidates.remove(s);
            Path file = g.projects.resolve(s.file);
            try (Sink w = new Sink(file, true)) {
                if (s.openEnd) {
                    w.raw("\n"); // the newline the last line lacked: it must not count a second time
                    lines++;
                    s.openEnd = false;
                }
                Envelope env = new Envelope(s, false, null);
                env.last = s.lastUuid;
                g.userPrompt(w, env, s, r, 1);
                int k = 1 + r.nextInt(3);
                for (int c = 0; c < k; c++) {
                    g.call(w, env, s, r, c == k - 1, false);
                    calls++;
                }
                s.lastUuid = env.last;
            }
            setMtime(file, s.clock);
        }
        g.writeTruth(seed, g.label, round);
        return new Summary(0, calls, 0, g.sessions.size());
    }

    private String label = "";

    private long[] readState() throws IOException {
        long seed = 0;
        long round = 0;
        for (String line : Files.readAllLines(out.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "R" -> {
                    seed = Long.parseLong(f[1]);
                    round = Long.parseLong(f[2]);
                    label = f[3];
                    bytes = Long.parseLong(f[4]);
                    lines = Long.parseLong(f[5]);
                    files = Long.parseLong(f[6]);
                }
                case "D" -> days.put(f[1], Totals.parse(f, 2));
                case "S" -> {
                    SessionState s = new SessionState();
                    s.id = f[1];
                    s.project = f[2];
                    s.file = f[3];
                    s.cwd = f[4];
                    s.branch = f[5];
                    s.version = f[6];
                    s.model = f[7];
                    s.ttl1h = Boolean.parseBoolean(f[8]);
                    s.clock = Long.parseLong(f[9]);
                    s.lastUuid = f[10];
                    s.context = Long.parseLong(f[11]);
                    s.contextNow = Long.parseLong(f[12]);
                    s.partial = Boolean.parseBoolean(f[13]);
                    s.main = Totals.parse(f, 14);
                    s.sub = Totals.parse(f, 19);
                    s.apiErrors = Long.parseLong(f[24]);
                    s.invalidCalls = Long.parseLong(f[25]);
                    s.openEnd = Boolean.parseBoolean(f[26]);
                    s.copiedFrom = Boolean.parseBoolean(f[27]);
                    sessions.add(s);
                }
                default -> throw new IOException("bad state line: " + line);
            }
        }
        return new long[] {seed, round};
    }

    private void writeTruth(long seed, String sizeLabel, int round) throws IOException {
        if (!sessions.isEmpty() && round == 0) {
            sessions.get(sessions.size() - 1).partial = true;
        }
        try (BufferedWriter st = Files.newBufferedWriter(out.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
            st.write("R\t" + seed + "\t" + round + "\t" + sizeLabel + "\t" + bytes + "\t" + lines + "\t" + files + "\n");
            for (Map.Entry<String, Totals> d : days.entrySet()) {
                st.write("D\t" + d.getKey() + "\t" + d.getValue().tsv() + "\n");
            }
            for (SessionState s : sessions) {
                st.write(String.join("\t", "S", s.id, s.project, s.file, s.cwd, s.branch, s.version, s.model,
                        Boolean.toString(s.ttl1h), Long.toString(s.clock), String.valueOf(s.lastUuid),
                        Long.toString(s.context), Long.toString(s.contextNow), Boolean.toString(s.partial),
                        s.main.tsv(), s.sub.tsv(), Long.toString(s.apiErrors), Long.toString(s.invalidCalls),
                        Boolean.toString(s.openEnd), Boolean.toString(s.copiedFrom)) + "\n");
            }
        }
        Totals all = new Totals();
        StringBuilder j = new StringBuilder(1 << 16);
        j.append("{\n  \"generator\": \"dev.llmsession.bench.CorpusGenerator\",\n  \"seed\": ").append(seed)
                .append(",\n  \"size\": \"").append(sizeLabel).append("\",\n  \"bytes\": ").append(bytes)
                .append(",\n  \"lines\": ").append(lines).append(",\n  \"files\": ").append(files)
                .append(",\n  \"appendRounds\": ").append(round).append(",\n  \"sessions\": [\n");
        for (int i = 0; i < sessions.size(); i++) {
            SessionState s = sessions.get(i);
            Totals t = s.main.plus(s.sub);
            all = all.plus(t);
            j.append("    {\"id\": \"").append(s.id).append("\", \"project\": \"").append(s.project)
                    .append("\", \"file\": \"").append(s.file).append("\", \"model\": \"").append(s.model)
                    .append("\", ").append(t.json()).append(", \"subagents\": {").append(s.sub.json())
                    .append("}, \"contextNow\": ").append(s.contextNow < 0 ? "null" : Long.toString(s.contextNow))
                    .append(", \"partialLastLine\": ").append(s.partial).append(", \"apiErrors\": ")
                    .append(s.apiErrors).append(", \"invalidCalls\": ").append(s.invalidCalls).append('}')
                    .append(i < sessions.size() - 1 ? ",\n" : "\n");
        }
        j.append("  ],\n  \"days\": [\n");
        int i = 0;
        for (Map.Entry<String, Totals> d : days.entrySet()) {
            j.append("    {\"date\": \"").append(d.getKey()).append("\", ").append(d.getValue().json()).append('}')
                    .append(++i < days.size() ? ",\n" : "\n");
        }
        j.append("  ],\n  \"totals\": {").append(all.json()).append("}\n}\n");
        Files.writeString(out.resolve(TRUTH_FILE), j, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- helpers

    /** Calls and the four token classes, as a reader must report them. */
    static final class Totals {
        long calls;
        long input;
        long output;
        long cacheWrite;
        long cacheRead;

        void add(long in, long out, long cw, long cr) {
            calls++;
            input += in;
            output += out;
            cacheWrite += cw;
            cacheRead += cr;
        }

        Totals plus(Totals o) {
            Totals t = new Totals();
            t.calls = calls + o.calls;
            t.input = input + o.input;
            t.output = output + o.output;
            t.cacheWrite = cacheWrite + o.cacheWrite;
            t.cacheRead = cacheRead + o.cacheRead;
            return t;
        }

        String json() {
            return "\"calls\": " + calls + ", \"input\": " + input + ", \"output\": " + output + ", \"cacheWrite\": "
                    + cacheWrite + ", \"cacheRead\": " + cacheRead;
        }

        String tsv() {
            return calls + "\t" + input + "\t" + output + "\t" + cacheWrite + "\t" + cacheRead;
        }

        static Totals parse(String[] f, int at) {
            Totals t = new Totals();
            t.calls = Long.parseLong(f[at]);
            t.input = Long.parseLong(f[at + 1]);
            t.output = Long.parseLong(f[at + 2]);
            t.cacheWrite = Long.parseLong(f[at + 3]);
            t.cacheRead = Long.parseLong(f[at + 4]);
            return t;
        }
    }

    /** Everything the generator tracks about one session while writing it (and between append rounds). */
    static final class SessionState {
        String id;
        String project;
        String file;
        String cwd;
        String branch;
        String version;
        String model;
        boolean ttl1h;
        long clock;
        String lastUuid;
        long context;
        /** Input + cache write + cache read of the latest main-chain call; -1 right after a compaction. */
        long contextNow = -1;
        boolean partial;
        Totals main = new Totals();
        Totals sub = new Totals();
        /** Failed turns written (isApiErrorMessage lines). */
        long apiErrors;
        /** Calls written with a token count that is not one (never counted). */
        long invalidCalls;
        /** The last line is a whole call without its newline. */
        boolean openEnd;
        /** A resumed session copied this one's history: appends would change which one is older. */
        boolean copiedFrom;
        /** Whether a call crossing UTC midnight has been written. */
        boolean crossedMidnight;
        /** Lines copied from an older session, written right after the file's first lines. */
        final List<String> prelude = new ArrayList<>();
        /** Edge mode: the lines of the calls written, for resumed sessions to copy (the first 40 calls). */
        final List<List<String>> history = new ArrayList<>();
        List<String> lastCallLines = new ArrayList<>();
        long[] lastCall;
        String lastCallId;
        long lastCallAt;
        /** Sub-agent ids used so far (random hex collides in a session with thousands of sub-agents). */
        private final java.util.Set<String> agentIds = new java.util.HashSet<>();

        String newAgentId(SplittableRandom r, String prefix, int digits) {
            String id;
            do {
                id = prefix + hex(r, digits);
            } while (!agentIds.add(id));
            return id;
        }
    }

    /** The envelope fields every conversation line carries, and the parentUuid chain. */
    private static final class Envelope {
        private final SessionState s;
        private final boolean sidechain;
        private final String agentId;
        String last;

        Envelope(SessionState s, boolean sidechain, String agentId) {
            this.s = s;
            this.sidechain = sidechain;
            this.agentId = agentId;
        }

        /** Starts a line; with a type, ends with the uuid/timestamp first so the caller appends the body. */
        StringBuilder open(SplittableRandom r, String type, long at) {
            StringBuilder b = new StringBuilder(1024);
            b.append("{\"parentUuid\":").append(last == null ? "null" : "\"" + last + "\"")
                    .append(",\"isSidechain\":").append(sidechain)
                    .append(",\"userType\":\"external\",\"cwd\":\"").append(s.cwd).append("\",\"sessionId\":\"")
                    .append(s.id).append("\",\"version\":\"").append(s.version).append("\",\"gitBranch\":\"")
                    .append(s.branch).append('"');
            if (agentId != null) {
                b.append(",\"agentId\":\"").append(agentId).append('"');
            }
            String uuid = uuid(r);
            last = uuid;
            if (!sidechain) {
                s.lastUuid = uuid;
            }
            pendingUuid = uuid;
            pendingAt = at;
            if (type != null) {
                b.append(",\"type\":\"").append(type).append("\",\"uuid\":\"").append(uuid)
                        .append("\",\"timestamp\":\"").append(ts(at)).append("\",");
            } else {
                b.append(',');
            }
            return b;
        }

        private String pendingUuid;
        private long pendingAt;

        /** Ends a line opened without a type (assistant lines put uuid and timestamp last, like Claude Code). */
        void close(StringBuilder b) {
            b.append(",\"uuid\":\"").append(pendingUuid).append("\",\"timestamp\":\"").append(ts(pendingAt))
                    .append("\"}");
        }
    }

    /** A buffered file writer that counts bytes and lines. */
    private final class Sink implements AutoCloseable {
        private final OutputStream os;
        long written;

        Sink(Path file, boolean append) throws IOException {
            os = new BufferedOutputStream(append
                    ? Files.newOutputStream(file, StandardOpenOption.APPEND)
                    : Files.newOutputStream(file), 1 << 20);
            if (!append) {
                files++;
            }
        }

        void line(CharSequence text) throws IOException {
            raw(text);
            os.write('\n');
            written++;
            bytes++;
            lines++;
        }

        void raw(CharSequence text) throws IOException {
            byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
            os.write(b);
            written += b.length;
            bytes += b.length;
        }

        void bytes(byte[] b, int n) throws IOException {
            os.write(b, 0, n);
            written += n;
            bytes += n;
        }

        void partial(String text) throws IOException {
            raw(text);
        }

        @Override
        public void close() throws IOException {
            os.close();
        }
    }

    private static void setMtime(Path file, long millis) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ts(long millis) {
        return TS.format(Instant.ofEpochMilli(millis));
    }

    static String uuid(SplittableRandom r) {
        char[] c = new char[36];
        int j = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                c[j++] = '-';
            }
            int v = r.nextInt(16);
            if (i == 12) {
                v = 4;
            } else if (i == 16) {
                v = 8 | (v & 3);
            }
            c[j++] = HEX[v];
        }
        return new String(c);
    }

    private static String b62(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = B62[r.nextInt(B62.length)];
        }
        return new String(c);
    }

    private static String hex(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = HEX[r.nextInt(16)];
        }
        return new String(c);
    }

    /** A prefix of a filler string that does not end inside an escape or a surrogate pair. */
    private static String cut(String text, int max) {
        int end = Math.min(text.length(), max);
        while (end > 0 && (text.charAt(end - 1) == '\\' || Character.isHighSurrogate(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** A JSON-safe slice of prose (never ends inside an escape). */
    private static String filler(SplittableRandom r, int len) {
        int n = Math.min(len, FILLER.length() / 2);
        int start = r.nextInt(FILLER.length() - n);
        int end = start + n;
        while (end > start && (FILLER.charAt(end - 1) == '\\' || Character.isHighSurrogate(FILLER.charAt(end - 1)))) {
            end--;
        }
        if (Character.isLowSurrogate(FILLER.charAt(start))) {
            start++;
        }
        return FILLER.substring(start, Math.max(start, end));
    }

    private static String buildFiller() {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder b = new StringBuilder(4 << 20);
        while (b.length() < (4 << 20)) {
            b.append(WORDS[r.nextInt(WORDS.length)]);
            int k = r.nextInt(14);
            b.append(k == 0 ? "\\n" : k == 1 ? ". " : k == 2 ? "\\t" : " ");
        }
        return b.toString();
    }

    private static String buildBase64() {
        char[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
        SplittableRandom r = new SplittableRandom(11);
        char[] c = new char[1 << 20];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet[r.nextInt(64)];
        }
        return new String(c);
    }
}
