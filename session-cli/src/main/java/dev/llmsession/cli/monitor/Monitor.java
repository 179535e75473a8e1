package dev.llmsession.cli.monitor;

import dev.llmsession.cli.client.DaemonThreads;
import dev.llmsession.model.SessionId;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dashboard's loop, on the calling (UI) thread: it takes events (keys, refreshes, resizes), applies them
 * to the {@link MonitorState}, draws the next {@link Frame} and writes only what changed. All I/O other than
 * the terminal runs on the {@link Updates}' thread (a {@link Refresher}, or the engine's snapshots). The terminal
 * is restored on quit, on an exception, and (through a shutdown hook) on SIGTERM.
 */
public final class Monitor {
    private static final String BELL = "\u0007";
    private static final long KEY_POLL_MILLIS = 200;

    /** What the loop reacts to. */
    private sealed interface Event {
        record Data(MonitorData data) implements Event {
        }

        record Pressed(Key key) implements Event {
        }

        record Resized() implements Event {
        }

        record Message(String line) implements Event {
        }
    }

    private final TerminalPort port;
    private final MonitorScreen screen;
    private final MonitorState state;
    private final Updates.Factory updates;
    private final boolean bell;
    private final java.util.function.Consumer<dev.llmsession.model.Session> alert;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Optional<SessionId> trendWanted = Optional.empty();

    public Monitor(TerminalPort port, MonitorScreen screen, MonitorState state, Refresher.Source source,
            Duration interval, boolean bell) {
        this(port, screen, state, source, interval, bell, s -> { });
    }

    /** @param alert told of each session that has just raised an alert (e.g. a desktop notification) */
    public Monitor(TerminalPort port, MonitorScreen screen, MonitorState state, Refresher.Source source,
            Duration interval, boolean bell, java.util.function.Consumer<dev.llmsession.model.Session> alert) {
        this(port, screen, state, source, interval, bell, alert, Refresher.Changes.NONE);
    }

    /** @param changes wakes a refresh when an assistant's file changes, rather than at the next interval */
    public Monitor(TerminalPort port, MonitorScreen screen, MonitorState state, Refresher.Source source,
            Duration interval, boolean bell, java.util.function.Consumer<dev.llmsession.model.Session> alert,
            Refresher.Changes changes) {
        this(port, screen, state, refreshing(source, interval, changes), bell, alert);
    }

    /** @param updates where the data comes from: a refresher of its own, or the engine's snapshots */
    public Monitor(TerminalPort port, MonitorScreen screen, MonitorState state, Updates.Factory updates, boolean bell,
            java.util.function.Consumer<dev.llmsession.model.Session> alert) {
        this.updates = Objects.requireNonNull(updates, "updates");
        this.alert = Objects.requireNonNull(alert, "alert");
        this.port = Objects.requireNonNull(port, "port");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.state = Objects.requireNonNull(state, "state");
        this.bell = bell;
    }

    /** Updates by a {@link Refresher} of {@code source}: every interval, and when {@code changes} tells of one. */
    public static Updates.Factory refreshing(Refresher.Source source, Duration interval, Refresher.Changes changes) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(changes, "changes");
        return (trendFor, onData, onStatus) -> new Refresher(source, trendFor, onData,
                e -> onStatus.accept("refresh failed: " + oneLine(e)), interval, changes);
    }

    /** Runs until the user quits; returns the exit code (0). The terminal is restored however it ends. */
    public int run() throws IOException {
        Thread restoreOnExit = new Thread(port::restore, "llm-session-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        running.set(true);
        Updates refresher = updates.open(() -> trendWanted, d -> events.add(new Event.Data(d)),
                line -> events.add(new Event.Message(line)));
        try {
            port.open(() -> events.add(new Event.Resized()), () -> events.add(new Event.Pressed(Key.INTERRUPT)));
            DaemonThreads.of("llm-session-keys", this::readKeys).start();
            refresher.start(!state.refreshed());
            return loop(refresher);
        } finally {
            running.set(false);
            refresher.close();
            port.restore();
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook restores (again, harmlessly).
            }
        }
    }

    private int loop(Updates refresher) throws IOException {
        Frame shown = null;
        while (true) {
            Frame next = screen.render(state, port.width(), port.height());
            String update = next.diff(shown);
            if (!update.isEmpty()) {
                port.write(update);
            }
            shown = next;
            Event event = take();
            // Everything that piled up while drawing is applied before the next frame.
            while (event != null) {
                if (event instanceof Event.Resized) {
                    shown = null;
                } else if (event instanceof Event.Data d) {
                    List<SessionId> raised = state.accept(d.data());
                    if (!raised.isEmpty() && bell) {
                        port.write(BELL);
                    }
                    d.data().sessions().stream().filter(x -> raised.contains(x.id())).forEach(alert);
                } else if (event instanceof Event.Message m) {
                    state.status(m.line());
                } else if (event instanceof Event.Pressed p) {
                    MonitorState.Outcome outcome = state.press(p.key());
                    if (outcome instanceof MonitorState.Outcome.Quit) {
                        return 0;
                    }
                    if (outcome instanceof MonitorState.Outcome.Refresh) {
                        trendWanted = state.trendWanted();
                        refresher.refreshNow();
                    } else if (outcome instanceof MonitorState.Outcome.Run r) {
                        refresher.run(() -> events.add(new Event.Message(perform(r))));
                    }
                }
                trendWanted = state.trendWanted();
                event = events.poll();
            }
        }
    }

    private Event take() throws IOException {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String perform(MonitorState.Outcome.Run run) {
        try {
            return run.binding().action().run(run.session());
        } catch (RuntimeException e) {
            return run.binding().label() + " failed: " + oneLine(e);
        }
    }

    private void readKeys() {
        try {
            while (running.get()) {
                Key key = KeyDecoder.next(port, KEY_POLL_MILLIS);
                if (key != null) {
                    events.add(new Event.Pressed(key));
                }
            }
        } catch (EOFException e) {
            events.add(new Event.Pressed(Key.INTERRUPT));
        } catch (IOException | RuntimeException e) {
            if (running.get()) {
                events.add(new Event.Message("keyboard input failed: " + oneLine(e)));
            }
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
