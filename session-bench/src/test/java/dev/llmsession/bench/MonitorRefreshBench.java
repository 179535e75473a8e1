package dev.llmsession.bench;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.discovery.claudecode.ClaudeCodeDiscoveryProvider;
import dev.llmsession.host.oshi.OshiHostProbeProvider;
import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.storage.sqlite.SqliteStoreProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * In-process benchmark of a resident refresh (what {@code monitor} does every interval): one {@link LlmSessions}
 * over a private HOME made of hard links to a generated corpus (the corpus is never written: the ten live
 * transcripts are copies), ten real processes named {@code claude} registered for the ten most recent sessions,
 * a warm store, then {@code list(RUNNING)} every {@code intervalMs} with one assistant line appended to one live
 * file before each refresh. Reports the calling thread's CPU time and the process CPU time per refresh (the
 * latter includes reader threads, GC and JIT between refreshes), median and p90, first refresh left out.
 *
 * <pre>java -cp ... dev.llmsession.bench.MonitorRefreshBench CORPUS WORKDIR [REFRESHES] [INTERVAL_MS]</pre>
 */
public final class MonitorRefreshBench {

    private static final Pattern CWD = Pattern.compile("\"cwd\":\"([^\"]*)\"");

    private MonitorRefreshBench() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int refreshes = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long intervalMs = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        if (Files.exists(work)) {
            deleteTree(work);
        }
        Path home = work.resolve("home");
        Path claude = home.resolve(".claude");
        linkTree(corpus.resolve(".claude"), claude);
        List<Path> live = mostRecentMains(claude.resolve("projects"), 10);
        Path bin = work.resolve("bin");
        Files.createDirectories(bin);
        Path fakeClaude = bin.resolve("claude");
        Files.copy(Path.of("/bin/sleep"), fakeClaude);
        fakeClaude.toFile().setExecutable(true);
        Path registry = claude.resolve("sessions");
        Files.createDirectories(registry);
        List<Process> processes = new ArrayList<>();
        try {
            for (Path f : live) {
                // own copy: appends stay in the private home
                Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
                Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                String id = f.getFileName().toString().replace(".jsonl", "");
                String cwd = firstCwd(f);
                Process p = new ProcessBuilder(fakeClaude.toString(), "100000").directory(work.toFile()).start();
                processes.add(p);
                Files.writeString(registry.resolve(p.pid() + ".json"), "{\"pid\":" + p.pid() + ",\"sessionId\":\""
                        + id + "\",\"cwd\":\"" + cwd + "\",\"status\":\"busy\"}\n");
            }
            ProviderContext context = new ProviderContext(home, Map.of("HOME", home.toString()), Clock.systemUTC(),
                    Map.of(SqliteStoreProvider.DIR_SETTING, work.resolve("data").toString()));
            try (LlmSessions sessions = LlmSessions.builder().context(context)
                    .discovery(new ClaudeCodeDiscoveryProvider()).hostProbe(new OshiHostProbeProvider())
                    .store(new SqliteStoreProvider()).build()) {
                long t0 = System.nanoTime();
                List<Session> all = sessions.catalog().list(SessionQuery.ALL).sessions();
                System.err.printf("warm list --all: %d sessions, %.1f s%n", all.size(), (System.nanoTime() - t0) / 1e9);
                Path truth = corpus.resolve("truth.json");
                if (Files.isRegularFile(truth)) {
                    // no line appended yet: every session must equal the generator's truth
                    checkTruth(truth, all, "cold list --all");
                    checkTruth(truth, sessions.catalog().list(SessionQuery.ALL).sessions(), "warm list --all");
                }
                run(sessions, live, refreshes, intervalMs);
                checkRunningEqualsFull(sessions);
            }
        } finally {
            processes.forEach(Process::destroy);
        }
    }

    private static void run(LlmSessions sessions, List<Path> live, int refreshes, long intervalMs) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> thread = new ArrayList<>();
        List<Double> process = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        List<Double> user = new ArrayList<>();
        long prevProcess = -1;
        for (int i = 0; i <= refreshes; i++) {
            append(live.get(i % live.size()), i);
            long p0 = os.getProcessCpuTime();
            long c0 = threads.getCurrentThreadCpuTime();
            long u0 = threads.getCurrentThreadUserTime();
            long w0 = System.nanoTime();
            SessionListing listing = sessions.catalog().list(SessionQuery.RUNNING);
            long c1 = threads.getCurrentThreadCpuTime();
            long u1 = threads.getCurrentThreadUserTime();
            long w1 = System.nanoTime();
            if (listing.sessions().size() != live.size()) {
                throw new IllegalStateException("expected " + live.size() + " running sessions, got "
                        + listing.sessions().size() + " " + listing.warnings());
            }
            if (i > 0) {
                thread.add((c1 - c0) / 1e6);
                user.add((u1 - u0) / 1e6);
                wall.add((w1 - w0) / 1e6);
                // everything since the previous refresh started: GC and JIT in between are charged here
                process.add((p0 - prevProcess) / 1e6);
            }
            prevProcess = p0;
            Thread.sleep(intervalMs);
        }
        System.out.printf("refreshes=%d interval=%dms load=%s%n", refreshes, intervalMs,
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("thread CPU ms:  median %.1f  p90 %.1f%n", pct(thread, 50), pct(thread, 90));
        System.out.printf("  of which user: median %.1f  p90 %.1f%n", pct(user, 50), pct(user, 90));
        System.out.printf("process CPU ms (previous interval): median %.1f  p90 %.1f%n", pct(process.subList(1,
                process.size()), 50), pct(process.subList(1, process.size()), 90));
        System.out.printf("wall ms:        median %.1f  p90 %.1f%n", pct(wall, 50), pct(wall, 90));
    }

    /** Token totals of every session against truth.json; throws on the first difference. */
    private static void checkTruth(Path truth, List<Session> listed, String what) throws IOException {
        com.fasterxml.jackson.databind.JsonNode sessions = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(truth.toFile()).get("sessions");
        Map<String, Session> byId = new java.util.HashMap<>();
        listed.forEach(s -> byId.put(s.id().nativeId(), s));
        int equal = 0;
        for (com.fasterxml.jackson.databind.JsonNode t : sessions) {
            Session s = byId.get(t.get("id").asText());
            long calls = t.get("calls").asLong();
            if (s == null) {
                if (calls != 0) {
                    throw new IllegalStateException(what + ": missing " + t.get("id"));
                }
                equal++;
                continue;
            }
            var u = s.tokens().total();
            if (u.apiCalls() != calls || u.input() != t.get("input").asLong() || u.output() != t.get("output").asLong()
                    || u.cacheWrite() != t.get("cacheWrite").asLong()
                    || u.cacheRead() != t.get("cacheRead").asLong()) {
                throw new IllegalStateException(what + ": " + t.get("id") + " differs: " + u + " vs " + t);
            }
            equal++;
        }
        System.err.printf("%s: %d/%d sessions equal truth.json%n", what, equal, sessions.size());
    }

    /** The running-only figures of each live session must be those of a full listing. */
    private static void checkRunningEqualsFull(LlmSessions sessions) {
        List<Session> running = sessions.catalog().list(SessionQuery.RUNNING).sessions();
        Map<String, Session> full = new java.util.HashMap<>();
        sessions.catalog().list(SessionQuery.ALL).sessions().forEach(s -> full.put(s.id().value(), s));
        for (Session r : running) {
            Session f = full.get(r.id().value());
            if (f == null || !r.tokens().equals(f.tokens()) || !r.cost().equals(f.cost())
                    || !r.context().equals(f.context()) || !r.errors().equals(f.errors())
                    || !r.quality().equals(f.quality())) {
                throw new IllegalStateException("running-only figures of " + r.id() + " differ from a full listing");
            }
        }
        System.err.printf("running-only figures of %d live sessions equal a full listing%n", running.size());
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static void append(Path file, int n) throws IOException {
        String id = file.getFileName().toString().replace(".jsonl", "");
        String line = "{\"type\":\"assistant\",\"isSidechain\":false,\"sessionId\":\"" + id + "\",\"timestamp\":\""
                + Instant.now() + "\",\"requestId\":\"req_refresh_" + n + "\",\"message\":{\"id\":\"msg_refresh_" + n
                + "\",\"model\":\"claude-opus-4-6\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"ok\"}],\"usage\":{\"input_tokens\":7,\"output_tokens\":11,"
                + "\"cache_creation_input_tokens\":13,\"cache_read_input_tokens\":90000}}}\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String firstCwd(Path f) throws IOException {
        try (Stream<String> lines = Files.lines(f)) {
            return lines.map(CWD::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse("/");
        }
    }

    private static List<Path> mostRecentMains(Path projects, int n) throws IOException {
        try (Stream<Path> walk = Files.walk(projects, 2)) {
            return walk.filter(p -> p.getNameCount() == projects.getNameCount() + 2)
                    .filter(p -> p.toString().endsWith(".jsonl") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(n).toList();
        }
    }

    private static void linkTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createLink(target, p);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
