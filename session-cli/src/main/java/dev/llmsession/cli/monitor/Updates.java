package dev.llmsession.cli.monitor;

import dev.llmsession.model.SessionId;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the dashboard's data comes from, off the UI thread: its own {@link Refresher}, or the engine's snapshots
 * ({@link EngineUpdates}). Either also runs the keys' actions on a background thread.
 */
public interface Updates extends AutoCloseable {
    /** Starts delivering; the first data now, or after one interval when the caller has just refreshed itself. */
    void start(boolean now);

    /** New data as soon as possible (the {@code r} key, a detail view that wants its trend). */
    void refreshNow();

    /** Runs {@code task} on the background thread. */
    void run(Runnable task);

    @Override
    void close();

    /** Makes a dashboard's updates. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param trendFor which session's trend the detail view wants, asked at each refresh
         * @param onData   each refresh's data
         * @param onStatus a line for the status bar (a failed refresh, a change of source)
         */
        Updates open(Supplier<Optional<SessionId>> trendFor, Consumer<MonitorData> onData, Consumer<String> onStatus);
    }
}
