package dev.llmsession.cli.monitor;

import dev.llmsession.cli.client.DaemonThreads;
import dev.llmsession.model.SessionId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one background thread that does the monitor's I/O: a refresh every interval, one more on demand, and
 * plugged-in actions. The UI thread only hands it work and takes results; it never waits for it.
 */
public final class Refresher implements Updates {
    /** Where a refresh's data comes from. */
    @FunctionalInterface
    public interface Source {
        /** One refresh, with the context trend of {@code trendFor} when given. */
        MonitorData fetch(Optional<SessionId> trendFor);
    }

    /** Tells of a change on disk as it happens, so the screen need not wait for the next interval. */
    @FunctionalInterface
    public interface Changes {
        /** Blocks up to {@code timeout} for a change; true when one came. */
        boolean await(Duration timeout) throws InterruptedException;

        Changes NONE = timeout -> false;
    }

    /** A change refreshes at most this often: an assistant writing its transcript line by line is one redraw. */
    static final Duration CHANGE_PACE = Duration.ofMillis(250);

    private final Source source;
    private final Changes changes;
    private final Supplier<Optional<SessionId>> trendFor;
    private final Consumer<MonitorData> onData;
    private final Consumer<Throwable> onFailure;
    private final Duration interval;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Thread watching = DaemonThreads.of("llm-session-changes", this::followChanges);
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("llm-session-refresh"));

    public Refresher(Source source, Supplier<Optional<SessionId>> trendFor, Consumer<MonitorData> onData,
            Consumer<Throwable> onFailure, Duration interval) {
        this(source, trendFor, onData, onFailure, interval, Changes.NONE);
    }

    /** @param changes wakes a refresh (at most every {@link #CHANGE_PACE}) when a watched file changes */
    public Refresher(Source source, Supplier<Optional<SessionId>> trendFor, Consumer<MonitorData> onData,
            Consumer<Throwable> onFailure, Duration interval, Changes changes) {
        this.source = Objects.requireNonNull(source, "source");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.trendFor = Objects.requireNonNull(trendFor, "trendFor");
        this.onData = Objects.requireNonNull(onData, "onData");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /**
     * Refreshes every interval after the end of the previous refresh; the first one now, or after one interval
     * when the caller has just refreshed itself.
     */
    @Override
    public void start(boolean now) {
        executor.scheduleWithFixedDelay(this::refresh, now ? 0 : interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        if (changes != Changes.NONE) {
            watching.start();
        }
    }

    /** Refreshes when a change comes, at most every {@link #CHANGE_PACE}; ends when closed. */
    private void followChanges() {
        try {
            while (!executor.isShutdown()) {
                if (changes.await(interval)) {
                    refreshNow();
                    Thread.sleep(CHANGE_PACE.toMillis()); // pacing: later changes wait for the next redraw
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            onFailure.accept(e); // the timed refresh goes on
        }
    }

    /** One more refresh as soon as the thread is free; asking again before it ran asks for nothing more. */
    @Override
    public void refreshNow() {
        if (queued.compareAndSet(false, true)) {
            executor.execute(() -> {
                queued.set(false);
                refresh();
            });
        }
    }

    /** Runs {@code task} on the background thread, after what is queued. */
    @Override
    public void run(Runnable task) {
        executor.execute(task);
    }

    private void refresh() {
        try {
            onData.accept(source.fetch(trendFor.get()));
        } catch (RuntimeException | LinkageError e) {
            // A failed refresh keeps the last good data on screen; the next one may succeed.
            onFailure.accept(e);
        }
    }

    @Override
    public void close() {
        watching.interrupt();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
