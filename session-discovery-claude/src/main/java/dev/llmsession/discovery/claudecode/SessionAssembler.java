package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.CallKey;
import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.UsageRecord;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies SPEC §4's counting rules across the files of one project directory: one call per key (largest
 * record kept), failed turns excluded (done by the reader), sidechain replays dropped, and a key found in
 * two sessions counted once, for the session whose main file's last entry is older. Stateless.
 */
final class SessionAssembler {

    /** Rule 5's order of a project's sessions ({@link TranscriptSet}s and {@link Claimant}s alike), oldest first. */
    private static final Comparator<Object> OLDEST_FIRST = Comparator.comparing(SessionAssembler::lastEntry)
            .thenComparing(SessionAssembler::modified).thenComparing(SessionAssembler::sessionId);

    private final PriceTable prices;

    SessionAssembler(PriceTable prices) {
        this.prices = prices;
    }

    /**
     * The figures of every session of one project directory, by session id.
     *
     * @param sessions all sessions of the project directory (rule 5 needs them all)
     */
    Map<String, SessionFigures> assemble(List<TranscriptSet> sessions) {
        Set<CallKey> claimed = new HashSet<>();
        Map<String, SessionFigures> out = new HashMap<>();
        for (TranscriptSet set : oldestFirst(sessions)) {
            List<UsageRecord> calls = calls(set, claimed);
            out.put(set.sessionId(), figures(set, calls));
        }
        return out;
    }

    /**
     * The figures of the sessions in {@code wanted} only, exactly as {@link #assemble} gives them: a key of a
     * wanted session is claimed by an older session when any file of an older session holds it. Cheaper than
     * {@code assemble} when few sessions are wanted (a resident refresh of running sessions): the other sessions
     * are only scanned for the wanted sessions' keys, never merged, costed or kept.
     *
     * @param sessions all sessions of the project directory (rule 5 needs them all)
     */
    Map<String, SessionFigures> assemble(List<TranscriptSet> sessions, Set<String> wanted) {
        List<TranscriptSet> shown = new ArrayList<>();
        List<Claimant> others = new ArrayList<>();
        for (TranscriptSet set : sessions) {
            if (wanted.contains(set.sessionId())) {
                shown.add(set);
            } else {
                others.add(Claimant.of(set));
            }
        }
        return assemble(shown, others);
    }

    /**
     * The figures of the {@code wanted} sessions, exactly as {@link #assemble(List)} of the whole project gives
     * them, where every other session of the project is known only by what it claims ({@link Claimant}).
     *
     * @param others every other session of the project directory (rule 5 needs them all)
     */
    Map<String, SessionFigures> assemble(List<TranscriptSet> wanted, List<Claimant> others) {
        Set<CallKey> wantedKeys = new HashSet<>();
        // a key starts with its message id: the other sessions' records are first matched by it, so that their
        // keys (a hash of both ids each) are computed only for the few records that can share one
        Set<String> wantedMessageIds = new HashSet<>();
        for (TranscriptSet set : wanted) {
            for (FileSummary file : set.files()) {
                for (UsageRecord r : file.usage()) {
                    CallKey key = CallKey.of(r);
                    if (key != null) {
                        wantedKeys.add(key);
                        wantedMessageIds.add(r.messageId());
                    }
                }
            }
        }
        WantedKeys recorded = WantedKeys.of(wantedKeys);
        List<Object> all = new ArrayList<>(wanted.size() + others.size());
        all.addAll(wanted);
        all.addAll(others);
        all.sort(OLDEST_FIRST);
        Set<CallKey> claimed = new HashSet<>();
        Map<String, SessionFigures> out = new HashMap<>();
        for (Object session : all) {
            if (session instanceof TranscriptSet set) {
                // calls() adds this session's own keys to claimed, as assemble does for the younger ones
                out.put(set.sessionId(), figures(set, calls(set, claimed)));
            } else {
                ((Claimant) session).claim(recorded, wantedMessageIds, claimed);
            }
        }
        return out;
    }

    /**
     * A session the wanted ones are weighed against: when its main transcript was last written, and the calls its
     * files hold, as summaries or as recorded keys ({@link ProjectClaims}).
     *
     * @param lastEntry the main transcript's latest line time, or null
     * @param modified  the main transcript's modification time as its summary recorded it, or null
     */
    record Claimant(String sessionId, Instant lastEntry, Instant modified, List<FileSummary> files,
            List<ProjectClaims.FileClaim> claims) {
        Claimant {
            files = List.copyOf(files);
            claims = List.copyOf(claims);
        }

        static Claimant of(TranscriptSet set) {
            return new Claimant(set.sessionId(), set.main().lastTimestamp(), set.main().modified(), set.files(),
                    List.of());
        }

        /**
         * Adds to {@code claimed} the keys of {@code wanted} this session's files hold ({@code wantedMessageIds}: the
         * message ids of those keys).
         */
        void claim(WantedKeys wanted, Set<String> wantedMessageIds, Set<CallKey> claimed) {
            Set<CallKey> wantedKeys = wanted.keys();
            for (FileSummary file : files) {
                for (UsageRecord r : file.usage()) {
                    if (r.messageId() != null && wantedMessageIds.contains(r.messageId())) {
                        CallKey key = CallKey.of(r);
                        if (wantedKeys.contains(key)) {
                            claimed.add(key);
                        }
                    }
                }
            }
            for (ProjectClaims.FileClaim c : claims) {
                c.claim(wanted, claimed);
            }
        }
    }

    /**
     * Whether a session in both results lost a call it had in {@code before}: rule 5 gave it to an older session (one
     * the session's new lines made younger than it), whose filed calls then lack it.
     */
    static boolean lostCalls(Map<String, SessionFigures> before, Map<String, SessionFigures> after) {
        for (Map.Entry<String, SessionFigures> e : after.entrySet()) {
            SessionFigures had = before.get(e.getKey());
            if (had == null) {
                continue;
            }
            Set<CallKey> has = new HashSet<>();
            for (UsageRecord r : e.getValue().calls()) {
                has.add(CallKey.of(r));
            }
            for (UsageRecord r : had.calls()) {
                CallKey key = CallKey.of(r);
                if (key != null && !has.contains(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Rule 5's order: the main file's latest entry, else its modification time. */
    private static Instant lastEntry(Object session) {
        if (session instanceof TranscriptSet set) {
            return set.mainLastEntry();
        }
        Claimant c = (Claimant) session;
        return c.lastEntry() != null ? c.lastEntry() : c.modified() != null ? c.modified() : Instant.EPOCH;
    }

    private static Instant modified(Object session) {
        Instant m = session instanceof TranscriptSet set ? set.main().modified() : ((Claimant) session).modified();
        return m == null ? Instant.EPOCH : m;
    }

    private static String sessionId(Object session) {
        return session instanceof TranscriptSet set ? set.sessionId() : ((Claimant) session).sessionId();
    }

    private static List<TranscriptSet> oldestFirst(List<TranscriptSet> sessions) {
        List<TranscriptSet> oldestFirst = new ArrayList<>(sessions);
        oldestFirst.sort(OLDEST_FIRST);
        return oldestFirst;
    }

    /** The chosen calls of one session; keys already in {@code claimed} are dropped, its own keys added. */
    static List<UsageRecord> calls(TranscriptSet set, Set<CallKey> claimed) {
        Map<CallKey, UsageRecord> byKey = new LinkedHashMap<>();
        List<UsageRecord> keyless = new ArrayList<>();
        for (FileSummary file : set.files()) {
            for (UsageRecord r : file.usage()) {
                CallKey key = CallKey.of(r);
                if (key == null) {
                    keyless.add(r);
                    continue;
                }
                byKey.merge(key, r, UsageRecord::merge);
            }
        }
        Set<String> mainMessageIds = new HashSet<>();
        for (UsageRecord r : byKey.values()) {
            if (!r.sidechain()) {
                mainMessageIds.add(r.messageId());
            }
        }
        List<UsageRecord> chosen = new ArrayList<>();
        for (Map.Entry<CallKey, UsageRecord> e : byKey.entrySet()) {
            UsageRecord r = e.getValue();
            boolean replay = r.sidechain() && mainMessageIds.contains(r.messageId());
            if (!replay && !claimed.contains(e.getKey())) {
                chosen.add(r);
            }
        }
        claimed.addAll(byKey.keySet());
        chosen.addAll(keyless);
        return chosen;
    }

    /**
     * The figures of one session from its chosen calls. A call with unknown counts is left out of every sum and
     * counted in the data-quality counters; so is, whole, a session whose sums would pass 2^63 (its tokens are then
     * unknown). A session whose every call is unknown has unknown tokens, never a measured 0.
     */
    private SessionFigures figures(TranscriptSet set, List<UsageRecord> chosen) {
        List<UsageRecord> counted = new ArrayList<>(chosen.size());
        long invalid = 0;
        for (UsageRecord r : chosen) {
            if (r.valid()) {
                counted.add(r);
            } else {
                invalid++;
            }
        }
        TokenFigures tokens;
        try {
            long[] total = new long[5];
            long[] sub = new long[5];
            for (UsageRecord r : counted) {
                add(total, r);
                if (r.sidechain()) {
                    add(sub, r);
                }
            }
            tokens = new TokenFigures(usage(total), usage(sub),
                    counted.isEmpty() && invalid > 0 ? TokenSource.UNKNOWN : TokenSource.MEASURED);
        } catch (ArithmeticException overflow) {
            invalid += counted.size();
            counted = List.of();
            tokens = TokenFigures.UNKNOWN;
        }
        DataQuality q = quality(set);
        // no valid count at all: the cost is as unknown as the tokens (never $0.00 beside "?" tokens)
        Cost cost = tokens.source() == TokenSource.UNKNOWN ? Cost.UNKNOWN : prices.cost(counted);
        return new SessionFigures(tokens, counted, cost, errors(set),
                new DataQuality(q.malformedLines(), q.linesWithoutKey(), q.partialTailBytes(), q.unreadableFiles(),
                        invalid));
    }

    private static void add(long[] sums, UsageRecord r) {
        sums[0] = Math.addExact(sums[0], r.input());
        sums[1] = Math.addExact(sums[1], r.output());
        sums[2] = Math.addExact(sums[2], r.cacheWrite());
        sums[3] = Math.addExact(sums[3], r.cacheRead());
        Math.addExact(Math.addExact(sums[0], sums[1]), Math.addExact(sums[2], sums[3])); // the total must fit too
        sums[4]++;
    }

    private static TokenUsage usage(long[] sums) {
        return new TokenUsage(sums[0], sums[1], sums[2], sums[3], sums[4]);
    }

    static ErrorCounts errors(TranscriptSet set) {
        int api = 0;
        int interrupts = 0;
        Map<String, Instant> tool = new LinkedHashMap<>();
        List<Instant> times = new ArrayList<>();
        for (FileSummary f : set.files()) {
            api += f.apiErrorTimes().size();
            times.addAll(f.apiErrorTimes());
            interrupts += f.interruptTimes().size();
            times.addAll(f.interruptTimes());
            f.toolErrors().forEach(tool::putIfAbsent);
        }
        for (Instant t : tool.values()) {
            times.add(t == null ? Instant.EPOCH : t);
        }
        times.sort(Comparator.naturalOrder());
        return new ErrorCounts(api, tool.size(), interrupts, times);
    }

    static DataQuality quality(TranscriptSet set) {
        long malformed = 0;
        long withoutKey = 0;
        long tail = 0;
        int unreadable = 0;
        for (FileSummary f : set.files()) {
            malformed += f.malformedLines();
            withoutKey += f.linesWithoutKey();
            tail += f.partialTailBytes();
            unreadable += f.unreadable() ? 1 : 0;
        }
        return new DataQuality(malformed, withoutKey, tail, unreadable);
    }

    /**
     * What the counting rules give for one session.
     *
     * @param tokens  cumulative tokens, sub-agents included and reported separately
     * @param calls   the chosen calls whose counts are known: what the session's sums and its usage rows hold
     * @param cost    their cost
     * @param errors  error counts
     * @param quality data-quality counters
     */
    record SessionFigures(TokenFigures tokens, List<UsageRecord> calls, Cost cost, ErrorCounts errors,
            DataQuality quality) {
        SessionFigures {
            calls = List.copyOf(calls);
        }
    }
}
