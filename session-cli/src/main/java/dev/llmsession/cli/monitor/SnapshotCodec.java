package dev.llmsession.cli.monitor;

import dev.llmsession.api.ModelUsage;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.api.UsageTotals;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.HealthComponent;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionKind;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@link MonitorData} as bytes: what the engine pushes to a subscribed monitor, which renders it exactly as
 * a refresh of its own (the sessions whole, since the keys act on them; their health; the warnings; the trend of
 * the session in the detail view; the usage block; the team rows; the plan limits). A version byte leads; a
 * decoder refuses another version and every count or length larger than the bytes left, so a broken or hostile
 * peer costs an {@link IOException}, never a large allocation. Strings are carried exactly (lone surrogates too)
 * and stay untrusted: the renderers make them printable, as they do a local refresh's.
 */
public final class SnapshotCodec {
    static final int VERSION = 1;

    private SnapshotCodec() {
    }

    /** The bytes of {@code data}. */
    public static byte[] encode(MonitorData data) {
        return new Encoder().encode(data);
    }

    /**
     * Encodes one subscriber's snapshots in turn: a session that is the very instance of the previous snapshot (the
     * catalog hands out an unchanged session as the same instance) is written as the bytes it had then. Not
     * thread-safe: one per subscriber.
     */
    public static final class Encoder {
        private Map<Session, byte[]> previous = new IdentityHashMap<>();

        /** The bytes of {@code data}, as {@link SnapshotCodec#encode} gives them. */
        public byte[] encode(MonitorData data) {
            Map<Session, byte[]> sessions = new IdentityHashMap<>();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                new Writer(out, previous, sessions).data(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a byte array does not fail
            }
            previous = sessions;
            return bytes.toByteArray();
        }
    }

    /** The data {@code bytes} hold; an {@link IOException} when they are not a snapshot of this version. */
    public static MonitorData decode(byte[] bytes) throws IOException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            MonitorData data = new Reader(in, bytes.length).data();
            if (in.available() != 0) {
                throw new IOException("snapshot: " + in.available() + " bytes after its end");
            }
            return data;
        } catch (RuntimeException e) {
            // a record refusing a value (a negative count, an empty id): the snapshot is broken, not the monitor
            throw new IOException("snapshot: " + e.getMessage(), e);
        }
    }

    private static final class Writer {
        private final DataOutputStream out;
        /** Each session's bytes in the previous snapshot, and in this one. */
        private final Map<Session, byte[]> before;
        private final Map<Session, byte[]> now;

        Writer(DataOutputStream out, Map<Session, byte[]> before, Map<Session, byte[]> now) {
            this.out = out;
            this.before = before;
            this.now = now;
        }

        void data(MonitorData d) throws IOException {
            out.writeByte(VERSION);
            instant(d.takenAt());
            out.writeInt(d.sessions().size());
            for (Session s : d.sessions()) {
                byte[] bytes = before.get(s);
                if (bytes == null) {
                    ByteArrayOutputStream one = new ByteArrayOutputStream(512);
                    try (DataOutputStream sessionOut = new DataOutputStream(one)) {
                        new Writer(sessionOut, Map.of(), new IdentityHashMap<>()).session(s);
                    }
                    bytes = one.toByteArray();
                }
                now.put(s, bytes);
                out.write(bytes);
            }
            out.writeInt(d.health().size());
            for (Map.Entry<SessionId, HealthReport> e : d.health().entrySet()) {
                id(e.getKey());
                health(e.getValue());
            }
            strings(d.warnings());
            out.writeBoolean(d.trend().isPresent());
            if (d.trend().isPresent()) {
                trend(d.trend().get());
            }
            out.writeBoolean(d.block().isPresent());
            if (d.block().isPresent()) {
                block(d.block().get());
            }
            out.writeBoolean(d.team().isPresent());
            if (d.team().isPresent()) {
                // by the row's position: a team view can list one session id from two machines
                for (Session s : d.sessions()) {
                    MonitorData.TeamRow row = d.team().get().get(s);
                    out.writeBoolean(row != null);
                    if (row != null) {
                        string(row.machine());
                        string(row.user());
                        health(row.health());
                    }
                }
            }
            out.writeBoolean(d.limits().isPresent());
            if (d.limits().isPresent()) {
                limits(d.limits().get());
            }
        }

        void session(Session s) throws IOException {
            id(s.id());
            string(s.assistant());
            optionalLong(s.pid());
            out.writeByte(s.activity().state().ordinal());
            string(s.activity().evidence());
            optionalString(s.cwd());
            optionalString(s.gitBranch());
            optionalString(s.title());
            optionalString(s.model());
            instant(s.startedAt());
            instant(s.lastActivityAt());
            usage(s.tokens().total());
            usage(s.tokens().subagents());
            out.writeByte(s.tokens().source().ordinal());
            ContextFill c = s.context();
            optionalLong(c.tokens());
            out.writeLong(c.window());
            out.writeBoolean(c.windowAssumed());
            optionalLong(c.autoCompactAt());
            out.writeByte(c.source().ordinal());
            optionalDouble(s.cost().usd());
            strings(s.cost().unpricedModels());
            string(s.cost().priceTableDate());
            ErrorCounts e = s.errors();
            out.writeInt(e.api());
            out.writeInt(e.tool());
            out.writeInt(e.interrupts());
            out.writeInt(e.times().size());
            for (Instant t : e.times()) {
                instant(t);
            }
            DataQuality q = s.quality();
            out.writeLong(q.malformedLines());
            out.writeLong(q.linesWithoutKey());
            out.writeLong(q.partialTailBytes());
            out.writeInt(q.unreadableFiles());
            out.writeLong(q.invalidCounts());
            out.writeInt(s.sources().size());
            for (Path p : s.sources()) {
                string(p.toString());
            }
            out.writeByte(s.kind().map(k -> k.ordinal() + 1).orElse(0));
        }

        void health(HealthReport r) throws IOException {
            id(r.sessionId());
            optionalInt(r.score());
            out.writeByte(r.level().ordinal());
            out.writeInt(r.components().size());
            for (HealthComponent c : r.components()) {
                string(c.name());
                optionalDouble(c.value());
                string(c.measured());
                optionalDouble(c.score());
                out.writeDouble(c.weight());
                out.writeDouble(c.effectiveWeight());
            }
            out.writeInt(r.recommendations().size());
            for (Recommendation rec : r.recommendations()) {
                out.writeByte(rec.severity().ordinal());
                string(rec.code());
                string(rec.message());
            }
        }

        void trend(MonitorData.Trend t) throws IOException {
            id(t.id());
            instant(t.since());
            out.writeInt(t.samples().size());
            for (SessionSample s : t.samples()) {
                id(s.sessionId());
                instant(s.at());
                optionalLong(s.contextTokens());
                optionalLong(s.totalTokens());
                optionalInt(s.healthScore());
            }
        }

        void block(UsageBlock b) throws IOException {
            instant(b.start());
            instant(b.end());
            optionalInstant(b.lastAt());
            out.writeBoolean(b.active());
            out.writeBoolean(b.gap());
            totals(b.totals());
            out.writeInt(b.models().size());
            for (ModelUsage m : b.models()) {
                string(m.model());
                totals(m.totals());
            }
            out.writeBoolean(b.burnRate().isPresent());
            if (b.burnRate().isPresent()) {
                UsageBlock.BurnRate r = b.burnRate().get();
                out.writeDouble(r.tokensPerMinute());
                out.writeDouble(r.totalTokensPerMinute());
                out.writeDouble(r.costPerHour());
            }
            out.writeBoolean(b.projection().isPresent());
            if (b.projection().isPresent()) {
                UsageBlock.Projection p = b.projection().get();
                out.writeLong(p.tokens());
                out.writeLong(p.totalTokens());
                out.writeDouble(p.costUsd());
                out.writeLong(p.remainingMinutes());
            }
            out.writeBoolean(b.limit().isPresent());
            if (b.limit().isPresent()) {
                UsageBlock.LimitStatus l = b.limit().get();
                out.writeLong(l.limit());
                out.writeBoolean(l.maxFromHistory());
                out.writeLong(l.usedTokens());
                out.writeLong(l.projectedTokens());
                out.writeDouble(l.percentUsed());
                out.writeByte(l.level().ordinal());
            }
        }

        void totals(UsageTotals t) throws IOException {
            out.writeLong(t.calls());
            out.writeLong(t.input());
            out.writeLong(t.output());
            out.writeLong(t.cacheWrite());
            out.writeLong(t.cacheRead());
            out.writeDouble(t.pricedCostUsd());
            strings(t.unpricedModels());
        }

        void limits(PlanLimits p) throws IOException {
            window(p.fiveHour());
            window(p.sevenDay());
            instant(p.observedAt());
            string(p.source());
        }

        void window(Optional<PlanLimits.Window> w) throws IOException {
            out.writeBoolean(w.isPresent());
            if (w.isPresent()) {
                out.writeDouble(w.get().usedPercent());
                optionalInstant(w.get().resetsAt());
            }
        }

        void usage(TokenUsage u) throws IOException {
            out.writeLong(u.input());
            out.writeLong(u.output());
            out.writeLong(u.cacheWrite());
            out.writeLong(u.cacheRead());
            out.writeLong(u.apiCalls());
        }

        void id(SessionId id) throws IOException {
            string(id.prefix());
            string(id.nativeId());
        }

        void instant(Instant t) throws IOException {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }

        void optionalInstant(Optional<Instant> t) throws IOException {
            out.writeBoolean(t.isPresent());
            if (t.isPresent()) {
                instant(t.get());
            }
        }

        void optionalLong(OptionalLong v) throws IOException {
            out.writeBoolean(v.isPresent());
            if (v.isPresent()) {
                out.writeLong(v.getAsLong());
            }
        }

        void optionalInt(OptionalInt v) throws IOException {
            out.writeBoolean(v.isPresent());
            if (v.isPresent()) {
                out.writeInt(v.getAsInt());
            }
        }

        void optionalDouble(OptionalDouble v) throws IOException {
            out.writeBoolean(v.isPresent());
            if (v.isPresent()) {
                out.writeDouble(v.getAsDouble());
            }
        }

        void optionalString(Optional<String> s) throws IOException {
            out.writeBoolean(s.isPresent());
            if (s.isPresent()) {
                string(s.get());
            }
        }

        void strings(List<String> list) throws IOException {
            out.writeInt(list.size());
            for (String s : list) {
                string(s);
            }
        }

        /** Its length in chars, then one byte per char when all are ASCII (the usual case), else two. */
        void string(String s) throws IOException {
            out.writeInt(s.length());
            boolean ascii = true;
            for (int i = 0; i < s.length() && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            out.writeBoolean(ascii);
            // whole arrays: DataOutputStream writes a string char by char, one call (a lock) per byte
            if (ascii) {
                out.write(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            } else {
                byte[] chars = new byte[s.length() * 2]; // each char as it is, lone surrogates too (as writeChars)
                for (int i = 0; i < s.length(); i++) {
                    chars[2 * i] = (byte) (s.charAt(i) >>> 8);
                    chars[2 * i + 1] = (byte) s.charAt(i);
                }
                out.write(chars);
            }
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final int size;

        Reader(DataInputStream in, int size) {
            this.in = in;
            this.size = size;
        }

        MonitorData data() throws IOException {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("snapshot version " + version + ", this monitor reads " + VERSION);
            }
            Instant takenAt = instant();
            int n = count();
            List<Session> sessions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sessions.add(session());
            }
            int h = count();
            Map<SessionId, HealthReport> health = new HashMap<>();
            for (int i = 0; i < h; i++) {
                health.put(id(), health());
            }
            List<String> warnings = strings();
            Optional<MonitorData.Trend> trend = in.readBoolean() ? Optional.of(trend()) : Optional.empty();
            Optional<UsageBlock> block = in.readBoolean() ? Optional.of(block()) : Optional.empty();
            Optional<Map<Session, MonitorData.TeamRow>> team = Optional.empty();
            if (in.readBoolean()) {
                Map<Session, MonitorData.TeamRow> rows = new IdentityHashMap<>();
                for (Session s : sessions) {
                    if (in.readBoolean()) {
                        rows.put(s, new MonitorData.TeamRow(string(), string(), health()));
                    }
                }
                team = Optional.of(rows);
            }
            Optional<PlanLimits> limits = in.readBoolean() ? Optional.of(limits()) : Optional.empty();
            return new MonitorData(takenAt, sessions, health, warnings, trend, block, team, limits);
        }

        Session session() throws IOException {
            SessionId id = id();
            String assistant = string();
            OptionalLong pid = optionalLong();
            Activity activity = new Activity(of(ActivityState.values()), string());
            Optional<String> cwd = optionalString();
            Optional<String> branch = optionalString();
            Optional<String> title = optionalString();
            Optional<String> model = optionalString();
            Instant started = instant();
            Instant last = instant();
            TokenFigures tokens = new TokenFigures(usage(), usage(), of(TokenSource.values()));
            ContextFill context = new ContextFill(optionalLong(), in.readLong(), in.readBoolean(), optionalLong(),
                    of(TokenSource.values()));
            Cost cost = new Cost(optionalDouble(), strings(), string());
            int api = in.readInt();
            int tool = in.readInt();
            int interrupts = in.readInt();
            int t = count();
            List<Instant> times = new ArrayList<>(t);
            for (int i = 0; i < t; i++) {
                times.add(instant());
            }
            DataQuality quality = new DataQuality(in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                    in.readLong());
            int p = count();
            List<Path> sources = new ArrayList<>(p);
            for (int i = 0; i < p; i++) {
                sources.add(Path.of(string()));
            }
            int kind = in.readUnsignedByte();
            Optional<SessionKind> sessionKind = kind == 0 ? Optional.empty()
                    : Optional.of(SessionKind.values()[check(kind - 1, SessionKind.values().length)]);
            return new Session(id, assistant, pid, activity, cwd, branch, title, model, started, last, tokens, context,
                    cost, new ErrorCounts(api, tool, interrupts, times), quality, sources, sessionKind);
        }

        HealthReport health() throws IOException {
            SessionId id = id();
            OptionalInt score = optionalInt();
            HealthLevel level = of(HealthLevel.values());
            int c = count();
            List<HealthComponent> components = new ArrayList<>(c);
            for (int i = 0; i < c; i++) {
                components.add(new HealthComponent(string(), optionalDouble(), string(), optionalDouble(),
                        in.readDouble(), in.readDouble()));
            }
            int r = count();
            List<Recommendation> recs = new ArrayList<>(r);
            for (int i = 0; i < r; i++) {
                recs.add(new Recommendation(of(Recommendation.Severity.values()), string(), string()));
            }
            return new HealthReport(id, score, level, components, recs);
        }

        MonitorData.Trend trend() throws IOException {
            SessionId id = id();
            Instant since = instant();
            int n = count();
            List<SessionSample> samples = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                samples.add(new SessionSample(id(), instant(), optionalLong(), optionalLong(), optionalInt()));
            }
            return new MonitorData.Trend(id, since, samples);
        }

        UsageBlock block() throws IOException {
            Instant start = instant();
            Instant end = instant();
            Optional<Instant> lastAt = optionalInstant();
            boolean active = in.readBoolean();
            boolean gap = in.readBoolean();
            UsageTotals totals = totals();
            int m = count();
            List<ModelUsage> models = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                models.add(new ModelUsage(string(), totals()));
            }
            Optional<UsageBlock.BurnRate> burn = in.readBoolean()
                    ? Optional.of(new UsageBlock.BurnRate(in.readDouble(), in.readDouble(), in.readDouble()))
                    : Optional.empty();
            Optional<UsageBlock.Projection> projection = in.readBoolean()
                    ? Optional.of(new UsageBlock.Projection(in.readLong(), in.readLong(), in.readDouble(),
                            in.readLong()))
                    : Optional.empty();
            Optional<UsageBlock.LimitStatus> limit = in.readBoolean()
                    ? Optional.of(new UsageBlock.LimitStatus(in.readLong(), in.readBoolean(), in.readLong(),
                            in.readLong(), in.readDouble(), of(UsageBlock.Level.values())))
                    : Optional.empty();
            return new UsageBlock(start, end, lastAt, active, gap, totals, models, burn, projection, limit);
        }

        UsageTotals totals() throws IOException {
            return new UsageTotals(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readDouble(), strings());
        }

        PlanLimits limits() throws IOException {
            return new PlanLimits(window(), window(), instant(), string());
        }

        Optional<PlanLimits.Window> window() throws IOException {
            return in.readBoolean() ? Optional.of(new PlanLimits.Window(in.readDouble(), optionalInstant()))
                    : Optional.empty();
        }

        TokenUsage usage() throws IOException {
            return new TokenUsage(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }

        SessionId id() throws IOException {
            return new SessionId(string(), string());
        }

        Instant instant() throws IOException {
            return Instant.ofEpochSecond(in.readLong(), in.readInt());
        }

        Optional<Instant> optionalInstant() throws IOException {
            return in.readBoolean() ? Optional.of(instant()) : Optional.empty();
        }

        OptionalLong optionalLong() throws IOException {
            return in.readBoolean() ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
        }

        OptionalInt optionalInt() throws IOException {
            return in.readBoolean() ? OptionalInt.of(in.readInt()) : OptionalInt.empty();
        }

        OptionalDouble optionalDouble() throws IOException {
            return in.readBoolean() ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty();
        }

        Optional<String> optionalString() throws IOException {
            return in.readBoolean() ? Optional.of(string()) : Optional.empty();
        }

        List<String> strings() throws IOException {
            int n = count();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        String string() throws IOException {
            int n = count();
            boolean ascii = in.readBoolean();
            if (ascii) {
                byte[] b = new byte[n];
                in.readFully(b);
                for (byte x : b) {
                    if (x < 0) {
                        throw new IOException("snapshot: a non-ASCII byte in an ASCII string");
                    }
                }
                return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
            }
            if ((long) n * 2 > in.available()) {
                throw new IOException("snapshot: a string longer than the bytes left");
            }
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                c[i] = in.readChar();
            }
            return new String(c);
        }

        /** A count or length: never more than the bytes left (each element takes at least one). */
        int count() throws IOException {
            int n = in.readInt();
            if (n < 0 || n > in.available() || n > size) {
                throw new IOException("snapshot: a count of " + n + " with " + in.available() + " bytes left");
            }
            return n;
        }

        <E extends Enum<E>> E of(E[] values) throws IOException {
            return values[check(in.readUnsignedByte(), values.length)];
        }

        private static int check(int ordinal, int length) throws IOException {
            if (ordinal >= length) {
                throw new IOException("snapshot: value " + ordinal + " out of range");
            }
            return ordinal;
        }
    }
}
