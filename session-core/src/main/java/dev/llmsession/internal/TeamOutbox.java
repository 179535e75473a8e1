package dev.llmsession.internal;

import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TeamSession;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageLedger;
import dev.llmsession.spi.UsageSlice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The rows the local store holds that the team database has not acknowledged, in push order: a session's new samples
 * before the session (so an acknowledged session never hides unpushed samples), then usage slices. Transcripts
 * deleted locally (Claude Code cleans up old ones) are not deleted from the team database: its history outlives
 * them. Not thread-safe.
 */
public final class TeamOutbox {
    private final SyncLedger ledger;
    private final String machine;
    private final String user;
    /** In push order: {@link TeamSession}, {@link SessionSample} or {@link UsageSlice}, each with its ledger entry. */
    private final List<Item> items;

    private record Item(Object row, String key, String value) {
    }

    private TeamOutbox(SyncLedger ledger, String machine, String user, List<Item> items) {
        this.ledger = ledger;
        this.machine = machine;
        this.user = user;
        this.items = items;
    }

    /** Listens to committed batches: rows of each kind in the batch. */
    public interface Committed {
        void batch(int sessions, int samples, int usageSlices);
    }

    /** Compares the local store with the ledger at {@code ledgerFile}. */
    public static TeamOutbox read(SnapshotHistory history, UsageLedger usage, Function<Session, HealthReport> health,
            Path ledgerFile, String target, String machine, String user, Instant now) {
        SyncLedger ledger = SyncLedger.load(ledgerFile, target + " " + machine);
        List<Item> items = new ArrayList<>();
        for (Session s : history.sessions(SnapshotHistory.Query.ALL)) {
            TeamSession row = TeamSession.of(machine, user, s, health.apply(s), now);
            String key = digest("session", s.id().value());
            // A live session is pushed again each minute even when nothing changed (one waiting for permission,
            // say): readers take a live state not recorded for TeamReports.STALE (2 min) as its machine gone.
            String value = digest(row.figures().toString() + (s.running() ? " live " + now.getEpochSecond() / 60 : ""));
            if (value.equals(ledger.get(key))) {
                continue;
            }
            String sampleKey = digest("samples", s.id().value());
            String last = ledger.get(sampleKey);
            Instant since = last == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(last) + 1);
            for (SessionSample sample : history.samples(s.id(), since)) {
                items.add(new Item(sample, sampleKey, Long.toString(sample.at().toEpochMilli())));
            }
            items.add(new Item(row, key, value));
        }
        for (UsageSlice slice : usage.usage(UsageFilter.ALL)) {
            String key = digest("usage", slice.assistant(), slice.sessionId(), slice.model(),
                    Long.toString(slice.slot()), Boolean.toString(slice.onHour()));
            String value = digest(slice.toString());
            if (!value.equals(ledger.get(key))) {
                items.add(new Item(slice, key, value));
            }
        }
        return new TeamOutbox(ledger, machine, user, items);
    }

    /**
     * What waits, counted.
     *
     * @param sessions     sessions whose state changed
     * @param samples      samples not pushed yet
     * @param usageSlices  usage slices new or changed
     * @param calls        API calls in those slices
     * @param acknowledged ledger entries so far
     */
    public record Counts(int sessions, int samples, int usageSlices, long calls, int acknowledged) {
    }

    /** Counts of what waits. */
    public Counts pending() {
        int sessions = 0;
        int samples = 0;
        int slices = 0;
        long calls = 0;
        for (Item i : items) {
            if (i.row() instanceof TeamSession) {
                sessions++;
            } else if (i.row() instanceof SessionSample) {
                samples++;
            } else if (i.row() instanceof UsageSlice u) {
                slices++;
                calls += u.calls();
            }
        }
        return new Counts(sessions, samples, slices, calls, ledger.size());
    }

    /**
     * Pushes every item in batches of at most {@code batchRows}, saving the ledger after each committed batch. A
     * batch that committed but whose acknowledgement was lost is simply pushed again next time (pushes replace).
     *
     * @throws dev.llmsession.error.LlmSessionException from the team store or the ledger; earlier batches stay
     *                                                  acknowledged
     */
    public void drain(TeamStore team, int batchRows, Committed committed) {
        for (int from = 0; from < items.size(); from += batchRows) {
            List<Item> batch = items.subList(from, Math.min(items.size(), from + batchRows));
            List<TeamSession> sessions = new ArrayList<>();
            List<SessionSample> samples = new ArrayList<>();
            List<UsageSlice> slices = new ArrayList<>();
            for (Item i : batch) {
                if (i.row() instanceof TeamSession s) {
                    sessions.add(s);
                } else if (i.row() instanceof SessionSample s) {
                    samples.add(s);
                } else {
                    slices.add((UsageSlice) i.row());
                }
            }
            team.push(new TeamStore.Batch(machine, user, sessions, samples, slices));
            batch.forEach(i -> ledger.put(i.key(), i.value())); // samples come oldest first: the last one wins
            ledger.save();
            committed.batch(sessions.size(), samples.size(), slices.size());
        }
    }

    /** A short, collision-safe name for a key or value: SHA-256 of the parts, 128 bits in base64. */
    static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
