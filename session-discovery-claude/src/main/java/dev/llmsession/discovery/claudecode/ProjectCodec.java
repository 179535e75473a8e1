package dev.llmsession.discovery.claudecode;

import static dev.llmsession.adapterkit.StateCodec.readChars;
import static dev.llmsession.adapterkit.StateCodec.readOptionalLong;
import static dev.llmsession.adapterkit.StateCodec.readSize;
import static dev.llmsession.adapterkit.StateCodec.readTime;
import static dev.llmsession.adapterkit.StateCodec.writeChars;
import static dev.llmsession.adapterkit.StateCodec.writeOptional;
import static dev.llmsession.adapterkit.StateCodec.writeTime;

import dev.llmsession.adapterkit.StateCodec;
import dev.llmsession.discovery.claudecode.transcript.StateSignal;
import dev.llmsession.discovery.claudecode.transcript.SummaryBuilder;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The project memo's encoding (the kit's {@link StateCodec}, one codec per project directory) and fingerprint.
 *
 * <p>Layout after the kit's frame: the file table (i32 count, then each path relative to the project directory,
 * {@code "r"} + relative or {@code "a"} + absolute); i32 session count, then per session, sorted by id: id, flags
 * (u8, bit 0 = main missing), four nullable instants (first, last, earliest, main modified), five nullable strings
 * (cwd, branch, title, model, window model), max context (i64), context (presence byte + i64), signal (kind name, detail,
 * nullable instant), tokens (2 × 5 × i64 + source name), cost (bool + f64, i32 + strings of unpriced models, price
 * table date), errors (3 × i32, i32 + instants), quality (3 × i64, i32, i64), sources (i32 count + i32 indexes
 * into the file table). Anything else — another version, a memo from before the kit, trailing or missing bytes —
 * decodes to empty and the project is assembled from its files.
 */
final class ProjectCodec implements StateCodec<ProjectResults> {

    /** Bump whenever the encoding or what assembly computes changes. 3: the kit's frame and text. */
    static final int VERSION = 3;

    private final Path projectDir;

    private ProjectCodec(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public int version() {
        return VERSION;
    }

    /**
     * The fingerprint of a project's files: SHA-256 (hex) over the format and parser versions, the price table,
     * and, sorted by path, each file's path, role, owning session, size, mtime and file key. Null when a file
     * could not be stat'ed (such a project is never memoised).
     */
    static String fingerprint(Path projectDir, List<TranscriptCache.Job> jobs, String priceFingerprint) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
        List<TranscriptCache.Job> sorted = new ArrayList<>(jobs);
        sorted.sort(Comparator.comparing(j -> j.path().toString()));
        StringBuilder b = new StringBuilder(64 + 160 * sorted.size());
        b.append("project-memo ").append(VERSION).append(' ').append(SummaryBuilder.STATE_VERSION).append(' ')
                .append(priceFingerprint).append('\n').append(projectDir).append('\n');
        for (TranscriptCache.Job j : sorted) {
            FileStat st = j.stat();
            if (st == null) {
                return null;
            }
            b.append(j.path()).append('\0').append(j.sidechain() ? 'S' : 'M').append('\0')
                    .append(j.sessionId() == null ? "" : j.sessionId()).append('\0').append(st.size()).append('\0')
                    .append(st.modified().getEpochSecond()).append('.').append(st.modified().getNano()).append('\0')
                    .append(st.key()).append('\n');
        }
        return HexFormat.of().formatHex(sha.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] encode(Path projectDir, ProjectResults results) {
        return StateCodec.encode(new ProjectCodec(projectDir), results);
    }

    /** The decoded results, or empty when the bytes are not a memo of this version. */
    static Optional<ProjectResults> decode(Path projectDir, byte[] state) {
        return StateCodec.decode(new ProjectCodec(projectDir), state);
    }

    /** Only the file table of a memo (cheap), or empty when the bytes are not a memo of this version. */
    static Optional<List<Path>> files(Path projectDir, byte[] state) {
        ProjectCodec codec = new ProjectCodec(projectDir);
        try (DataInputStream in = StateCodec.body(codec, state).orElse(null)) {
            return in == null ? Optional.empty() : Optional.of(codec.table(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(ProjectResults results, DataOutputStream out) throws IOException {
        List<Path> table = new ArrayList<>(results.files());
        Map<Path, Integer> indexes = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            indexes.putIfAbsent(table.get(i), i);
        }
        Map<String, TranscribedSession> sorted = new TreeMap<>(results.sessions());
        for (TranscribedSession s : sorted.values()) {
            for (Path p : s.sources()) {
                if (!indexes.containsKey(p)) {
                    indexes.put(p, table.size());
                    table.add(p);
                }
            }
        }
        out.writeInt(table.size());
        for (Path p : table) {
            writeChars(out, p.startsWith(projectDir) ? "r" + projectDir.relativize(p) : "a" + p);
        }
        out.writeInt(sorted.size());
        for (TranscribedSession s : sorted.values()) {
            writeSession(out, s, indexes);
        }
    }

    @Override
    public ProjectResults read(DataInputStream in) throws IOException {
        List<Path> table = table(in);
        int n = count(in);
        Map<String, TranscribedSession> sessions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            TranscribedSession s = readSession(in, table);
            sessions.put(s.sessionId(), s);
        }
        // the table may hold extra source paths beyond the files in scope; they are files of the project too
        return new ProjectResults(table, sessions);
    }

    private List<Path> table(DataInputStream in) throws IOException {
        int n = count(in);
        List<Path> table = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String s = readChars(in);
            if (s == null || s.isEmpty()) {
                throw new IOException("bad path");
            }
            table.add(s.charAt(0) == 'r' ? projectDir.resolve(s.substring(1)) : Path.of(s.substring(1)));
        }
        return table;
    }

    private static void writeSession(DataOutputStream out, TranscribedSession s, Map<Path, Integer> indexes)
            throws IOException {
        writeChars(out, s.sessionId());
        out.writeByte(s.mainMissing() ? 1 : 0);
        writeTime(out, s.firstTimestamp());
        writeTime(out, s.lastTimestamp());
        writeTime(out, s.earliestAny());
        writeTime(out, s.mainModified());
        writeChars(out, s.cwd());
        writeChars(out, s.gitBranch());
        writeChars(out, s.title());
        writeChars(out, s.model());
        writeChars(out, s.windowModel());
        out.writeLong(s.maxContext());
        writeOptional(out, s.context());
        StateSignal signal = s.signal();
        writeChars(out, signal.kind().name());
        writeChars(out, signal.detail());
        writeTime(out, signal.timestamp());
        writeUsage(out, s.tokens().total());
        writeUsage(out, s.tokens().subagents());
        writeChars(out, s.tokens().source().name());
        Cost cost = s.cost();
        out.writeBoolean(cost.usd().isPresent());
        out.writeDouble(cost.usd().orElse(0));
        out.writeInt(cost.unpricedModels().size());
        for (String m : cost.unpricedModels()) {
            writeChars(out, m);
        }
        writeChars(out, cost.priceTableDate());
        ErrorCounts errors = s.errors();
        out.writeInt(errors.api());
        out.writeInt(errors.tool());
        out.writeInt(errors.interrupts());
        out.writeInt(errors.times().size());
        for (Instant t : errors.times()) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
        DataQuality q = s.quality();
        out.writeLong(q.malformedLines());
        out.writeLong(q.linesWithoutKey());
        out.writeLong(q.partialTailBytes());
        out.writeInt(q.unreadableFiles());
        out.writeLong(q.invalidCounts());
        out.writeInt(s.sources().size());
        for (Path p : s.sources()) {
            out.writeInt(indexes.get(p));
        }
    }

    private static TranscribedSession readSession(DataInputStream in, List<Path> table) throws IOException {
        String id = readChars(in);
        int flags = in.readUnsignedByte();
        Instant first = readTime(in);
        Instant last = readTime(in);
        Instant earliest = readTime(in);
        Instant modified = readTime(in);
        String cwd = readChars(in);
        String branch = readChars(in);
        String title = readChars(in);
        String model = readChars(in);
        String windowModel = readChars(in);
        long maxContext = in.readLong();
        OptionalLong context = readOptionalLong(in);
        StateSignal.Kind kind = StateSignal.Kind.valueOf(readChars(in));
        StateSignal signal = new StateSignal(kind, readChars(in), readTime(in));
        TokenUsage total = readUsage(in);
        TokenUsage sub = readUsage(in);
        TokenFigures tokens = new TokenFigures(total, sub, TokenSource.valueOf(readChars(in)));
        boolean hasUsd = in.readBoolean();
        double usd = in.readDouble();
        int unpricedCount = count(in);
        List<String> unpriced = new ArrayList<>(unpricedCount);
        for (int i = 0; i < unpricedCount; i++) {
            unpriced.add(readChars(in));
        }
        Cost cost = new Cost(hasUsd ? OptionalDouble.of(usd) : OptionalDouble.empty(), unpriced, readChars(in));
        int api = in.readInt();
        int tool = in.readInt();
        int interrupts = in.readInt();
        int timeCount = count(in);
        List<Instant> times = new ArrayList<>(timeCount);
        for (int i = 0; i < timeCount; i++) {
            times.add(Instant.ofEpochSecond(in.readLong(), in.readInt()));
        }
        DataQuality quality = new DataQuality(in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                in.readLong());
        int sourceCount = count(in);
        List<Path> sources = new ArrayList<>(sourceCount);
        for (int i = 0; i < sourceCount; i++) {
            sources.add(table.get(in.readInt()));
        }
        if ((flags & ~1) != 0) {
            throw new IOException("unknown flags");
        }
        return new TranscribedSession(id, (flags & 1) != 0, first, last, earliest, modified, cwd, branch, title,
                model, windowModel, maxContext, context, signal,
                tokens, cost, new ErrorCounts(api, tool, interrupts, times), quality, sources);
    }

    private static int count(DataInputStream in) throws IOException {
        return readSize(in, in.available());
    }

    private static void writeUsage(DataOutputStream out, TokenUsage u) throws IOException {
        out.writeLong(u.input());
        out.writeLong(u.output());
        out.writeLong(u.cacheWrite());
        out.writeLong(u.cacheRead());
        out.writeLong(u.apiCalls());
    }

    private static TokenUsage readUsage(DataInputStream in) throws IOException {
        return new TokenUsage(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
