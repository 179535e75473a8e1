package dev.llmsession;

import dev.llmsession.api.SessionHealth;
import dev.llmsession.error.LlmSessionException;
import dev.llmsession.internal.TeamOutbox;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.UsageLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Pushes this machine's sessions, samples and usage slices from the local store to the team database: the use case
 * behind {@code team sync}, and what an engine calls periodically. The local store stays the source; the outbox
 * (what the local store holds that the team database has not acknowledged) survives crashes, outages and sleep,
 * and every push replaces rows by a key that includes the machine, so nothing is lost or counted twice. One sync at a
 * time per instance; not thread-safe.
 *
 * @since 0.1
 */
public final class TeamSync {
    /** Rows per pushed transaction: small enough to commit fast, large enough to catch up a week quickly. */
    public static final int BATCH_ROWS = 2000;

    private final SnapshotHistory history;
    private final UsageLedger usage;
    private final SessionHealth health;
    private final Path ledgerFile;
    private final String target;
    private final String machine;
    private final String user;
    private final Clock clock;

    /**
     * @param history    the local store's sessions and samples (the source)
     * @param usage      the local store's usage ledger (the source)
     * @param health     health of each session, pushed with it
     * @param ledgerFile where the acknowledged state lives (beside the local store)
     * @param target     the team database's identity (its URL): a ledger written for another database is ignored
     * @param machine    this machine's name, part of every key
     * @param user       who works on this machine
     * @param clock      the clock
     */
    public TeamSync(SnapshotHistory history, UsageLedger usage, SessionHealth health, Path ledgerFile, String target,
            String machine, String user, Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.health = Objects.requireNonNull(health, "health");
        this.ledgerFile = Objects.requireNonNull(ledgerFile, "ledgerFile");
        this.target = Objects.requireNonNull(target, "target");
        this.machine = requireName("machine", machine);
        this.user = requireName("user", user);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static String requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be 1 to 200 printable characters");
        }
        return value;
    }

    /** What the team database has not acknowledged yet; reads only the local store and the ledger (works offline). */
    public Pending pending() {
        return Pending.of(outbox().pending());
    }

    /**
     * Pushes everything pending in transactions of at most {@link #BATCH_ROWS} rows, acknowledging each after it
     * committed. A failure stops the push and is reported with what got through; the rest stays pending.
     */
    public Result push(TeamStore team) {
        return push(team, BATCH_ROWS);
    }

    /** {@link #push(TeamStore)} in transactions of at most {@code batchRows} rows. */
    public Result push(TeamStore team, int batchRows) {
        Objects.requireNonNull(team, "team");
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be positive");
        }
        TeamOutbox outbox = outbox();
        Pending before = Pending.of(outbox.pending());
        long start = System.nanoTime();
        Optional<String> failure = Optional.empty();
        int[] pushed = {0, 0, 0, 0};
        try {
            outbox.drain(team, batchRows, (sessions, samples, slices) -> {
                pushed[0] += sessions;
                pushed[1] += samples;
                pushed[2] += slices;
                pushed[3]++;
            });
        } catch (LlmSessionException e) {
            failure = Optional.of(e.getMessage());
        }
        return new Result(before, pushed[0], pushed[1], pushed[2], pushed[3],
                (System.nanoTime() - start) / 1_000_000, failure);
    }

    private TeamOutbox outbox() {
        return TeamOutbox.read(history, usage, health::assess, ledgerFile, target, machine, user, clock.instant());
    }

    /**
     * What is waiting to be pushed.
     *
     * @param sessions    sessions whose state changed
     * @param samples     samples not pushed yet
     * @param usageSlices usage slices new or changed
     * @param calls       API calls in those slices
     * @param acknowledged entries the team database has acknowledged so far
     * @since 0.1
     */
    public record Pending(int sessions, int samples, int usageSlices, long calls, int acknowledged) {
        static Pending of(TeamOutbox.Counts c) {
            return new Pending(c.sessions(), c.samples(), c.usageSlices(), c.calls(), c.acknowledged());
        }

        /** Whether nothing waits. */
        public boolean empty() {
            return sessions == 0 && samples == 0 && usageSlices == 0;
        }
    }

    /**
     * One push.
     *
     * @param before      what was pending when it started
     * @param sessions    sessions pushed
     * @param samples     samples pushed
     * @param usageSlices usage slices pushed
     * @param batches     transactions committed
     * @param millis      wall time
     * @param failure     why it stopped early, if it did (the rest stays pending)
     * @since 0.1
     */
    public record Result(Pending before, int sessions, int samples, int usageSlices, int batches, long millis,
            Optional<String> failure) {
        public Result {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(failure, "failure");
        }
    }
}
