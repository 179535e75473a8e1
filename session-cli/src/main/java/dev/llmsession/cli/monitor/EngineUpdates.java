package dev.llmsession.cli.monitor;

import dev.llmsession.cli.client.DaemonThreads;
import dev.llmsession.model.SessionId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The dashboard's updates from the engine's snapshots ({@link EngineFeed}), the keys' actions on a thread of this
 * process. When the engine goes away the dashboard says so in one status line and goes on with updates of its own
 * (the {@code fallback}, built then, on the actions' thread: building a library takes a moment).
 */
public final class EngineUpdates implements Updates {
    private final EngineFeed feed;
    private final Updates.Factory fallback;
    private final Supplier<Optional<SessionId>> trendFor;
    private final Consumer<MonitorData> onData;
    private final Consumer<String> onStatus;
    private final Thread reader = DaemonThreads.of("llm-session-snapshots", this::read);
    private final ExecutorService actions =
            Executors.newSingleThreadExecutor(DaemonThreads.named("llm-session-actions"));
    private volatile Updates local;
    private volatile boolean closed;

    private EngineUpdates(EngineFeed feed, Updates.Factory fallback, Supplier<Optional<SessionId>> trendFor,
            Consumer<MonitorData> onData, Consumer<String> onStatus) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.trendFor = Objects.requireNonNull(trendFor, "trendFor");
        this.onData = Objects.requireNonNull(onData, "onData");
        this.onStatus = Objects.requireNonNull(onStatus, "onStatus");
    }

    /** Updates from {@code feed}, then from {@code fallback} once the engine has gone. */
    public static Updates.Factory of(EngineFeed feed, Updates.Factory fallback) {
        return (trendFor, onData, onStatus) -> new EngineUpdates(feed, fallback, trendFor, onData, onStatus);
    }

    @Override
    public void start(boolean now) {
        if (now) {
            feed.want(trendFor.get());
        }
        reader.start();
    }

    private void read() {
        while (!closed) {
            EngineFeed.Received r = feed.next();
            if (r instanceof EngineFeed.Received.Snapshot s) {
                onData.accept(s.data());
            } else {
                fallBack(r instanceof EngineFeed.Received.Lost lost ? lost.why()
                        : "the engine ended the monitor (exit " + ((EngineFeed.Received.Exit) r).code() + ")");
                return;
            }
        }
    }

    private void fallBack(String why) {
        if (closed) {
            return;
        }
        onStatus.accept(why + "; refreshing in this process");
        actions.execute(() -> {
            Updates own = fallback.open(trendFor, onData, onStatus);
            local = own;
            if (closed) {
                own.close();
            } else {
                own.start(true);
            }
        });
    }

    @Override
    public void refreshNow() {
        Updates own = local;
        if (own != null) {
            own.refreshNow();
        } else {
            feed.want(trendFor.get());
        }
    }

    @Override
    public void run(Runnable task) {
        actions.execute(task);
    }

    @Override
    public void close() {
        closed = true;
        feed.close();
        Updates own = local;
        if (own != null) {
            own.close();
        }
        actions.shutdownNow();
    }
}
