package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
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
        Set<String> claimed = new HashSet<>();
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
        Set<String> wantedKeys = new HashSet<>();
        // a key starts with its message id: the other sessions' records are first matched by it, so that their
        // keys (a string concatenation each) are built only for the few records that can share one
        Set<String> wantedMessageIds = new HashSet<>();
        for (TranscriptSet set : sessions) {
            if (wanted.contains(set.sessionId())) {
                for (FileSummary file : set.files()) {
                    for (UsageRecord r : file.usage()) {
                        String key = r.key();
                        if (key != null) {
                            wantedKeys.add(key);
                            wantedMessageIds.add(r.messageId());
                        }
                    }
                }
            }
        }
        Set<String> claimed = new HashSet<>();
        Map<String, SessionFigures> out = new HashMap<>();
        for (TranscriptSet set : oldestFirst(sessions)) {
            if (wanted.contains(set.sessionId())) {
                // calls() adds this session's own keys to claimed, as assemble does for the younger ones
                out.put(set.sessionId(), figures(set, calls(set, claimed)));
                continue;
            }
            for (FileSummary file : set.files()) {
                for (UsageRecord r : file.usage()) {
                    if (r.messageId() != null && wantedMessageIds.contains(r.messageId())) {
                        String key = r.key();
                        if (wantedKeys.contains(key)) {
                            claimed.add(key);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<TranscriptSet> oldestFirst(List<TranscriptSet> sessions) {
        List<TranscriptSet> oldestFirst = new ArrayList<>(sessions);
        oldestFirst.sort(Comparator.comparing(TranscriptSet::mainLastEntry)
                .thenComparing(s -> s.main().modified() == null ? Instant.EPOCH : s.main().modified())
                .thenComparing(TranscriptSet::sessionId));
        return oldestFirst;
    }

    /** The chosen calls of one session; keys already in {@code claimed} are dropped, its own keys added. */
    static List<UsageRecord> calls(TranscriptSet set, Set<String> claimed) {
        Map<String, UsageRecord> byKey = new LinkedHashMap<>();
        List<UsageRecord> keyless = new ArrayList<>();
        for (FileSummary file : set.files()) {
            for (UsageRecord r : file.usage()) {
                String key = r.key();
                if (key == null) {
                    keyless.add(r);
                    continue;
                }
                byKey.merge(key, r, SessionAssembler::larger);
            }
        }
        Set<String> mainMessageIds = new HashSet<>();
        for (UsageRecord r : byKey.values()) {
            if (!r.sidechain()) {
                mainMessageIds.add(r.messageId());
            }
        }
        List<UsageRecord> chosen = new ArrayList<>();
        for (Map.Entry<String, UsageRecord> e : byKey.entrySet()) {
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

    static UsageRecord larger(UsageRecord a, UsageRecord b) {
        UsageRecord kept = b.total() > a.total() ? b : a;
        Instant first = earlier(a.timestamp(), b.timestamp());
        if (first != null && !first.equals(kept.timestamp())) {
            kept = kept.withTimestamp(first);
        }
        return kept.withSidechain(a.sidechain() && b.sidechain());
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private SessionFigures figures(TranscriptSet set, List<UsageRecord> calls) {
        TokenUsage total = TokenUsage.ZERO;
        TokenUsage sub = TokenUsage.ZERO;
        for (UsageRecord r : calls) {
            TokenUsage u = new TokenUsage(r.input(), r.output(), r.cacheWrite(), r.cacheRead(), 1);
            total = total.plus(u);
            if (r.sidechain()) {
                sub = sub.plus(u);
            }
        }
        Cost cost = prices.cost(calls);
        return new SessionFigures(new TokenFigures(total, sub, TokenSource.MEASURED), calls, cost, errors(set),
                quality(set));
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
     * @param calls   the chosen call records
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
