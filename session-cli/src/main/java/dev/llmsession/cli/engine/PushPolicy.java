package dev.llmsession.cli.engine;

import java.time.Duration;

/**
 * When a subscribed monitor gets its next snapshot: the first at once; after a change under the assistants' folders
 * or the subscriber's asking, one {@link #PACE} after the previous snapshot at the earliest (an assistant writing its
 * transcript line by line is one snapshot, not one per line); otherwise one interval after the previous. Times are
 * {@link System#nanoTime()} readings, given by the caller, so a test drives it with a clock of its own.
 */
final class PushPolicy {
    /** Snapshots a change or a request wakes come at most this often. */
    static final Duration PACE = Duration.ofMillis(250);

    private final long intervalNanos;
    private final long paceNanos;
    private boolean pushedOnce;
    private long lastPush;
    private boolean pending = true;

    PushPolicy(Duration interval) {
        this(interval, PACE);
    }

    PushPolicy(Duration interval, Duration pace) {
        this.intervalNanos = interval.toNanos();
        this.paceNanos = pace.toNanos();
    }

    /** A file changed, or the subscriber asked for a snapshot (the {@code r} key, a trend to show). */
    void wake() {
        pending = true;
    }

    /** Nanoseconds from {@code now} until the next snapshot is due; zero or less: it is due. */
    long dueIn(long now) {
        if (!pushedOnce) {
            return 0;
        }
        long next = lastPush + (pending ? Math.min(paceNanos, intervalNanos) : intervalNanos);
        return next - now;
    }

    /** A snapshot is taken at {@code now}: what woke it is answered (a change during the refresh wakes the next). */
    void taken(long now) {
        pushedOnce = true;
        lastPush = now;
        pending = false;
    }
}
