package dev.llmsession.cli.engine;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.client.DaemonThreads;
import dev.llmsession.cli.client.Wire;
import dev.llmsession.cli.monitor.Refresher;
import dev.llmsession.cli.monitor.SnapshotCodec;
import dev.llmsession.model.SessionId;
import dev.llmsession.spi.TeamStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/**
 * The engine's subscribed monitors ({@link Wire#SUBSCRIBE}). Each runs its {@code monitor} command line once, as a
 * command would run (the world's resident library, its configuration, its {@code --assistant}), on its own
 * connection's thread and without taking one of the commands' turns, so a subscriber never holds up another client;
 * the command hands its refreshes to the {@link MonitorFeed} this class gives it, which sends them as
 * {@link Wire#SNAPSHOT} frames when {@link PushPolicy} says. One thread per library waits for its file events and
 * wakes every subscriber of that library (the events are consumed by whoever waits, so subscribers must not each
 * wait). A subscriber that leaves (its connection reaches its end or fails) ends its feed; {@link #close()} ends
 * them all when the engine stops, so each monitor sees its connection close and refreshes on its own.
 */
final class MonitorFeeds implements AutoCloseable {
    /** How long a change wait lasts before the watcher thread checks it still has subscribers. */
    private static final Duration WAIT = Duration.ofSeconds(1);
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
    private final Map<LlmSessions, ChangeHub> hubs = new IdentityHashMap<>();
    private volatile boolean closed;

    /**
     * A frame to every subscriber, called by the engine's timer with its commands' heartbeats: a subscriber hears
     * from the engine at least that often even while a refresh takes long (the once-a-minute indexing of recently
     * ended sessions for the usage block can take seconds on a loaded machine), so silence means a hung engine.
     */
    void heartbeat() {
        for (Subscription sub : open) {
            synchronized (sub.out) {
                try {
                    Wire.writeFrame(sub.out, Wire.HEARTBEAT, new byte[0], 0, 0);
                    sub.out.flush();
                } catch (IOException e) {
                    sub.end(); // the subscriber left
                }
            }
        }
    }

    /**
     * Serves one subscriber on this thread until it leaves or the engine stops: {@code sent} must be a
     * {@code monitor} command line (anything else is answered {@link Wire#LOCAL}).
     */
    void serve(ClientRequest sent, DataInputStream in, DataOutputStream out, CommandRunner runner,
            SharedSessions shared) throws IOException {
        if (!"monitor".equals(Locality.command(sent.args()).orElse(""))) {
            reply(out, Wire.LOCAL, "only a monitor subscribes");
            return;
        }
        if (sent.args().contains("--verbose")) {
            reply(out, Wire.LOCAL, "--verbose logs to the caller's terminal");
            return;
        }
        if (closed) {
            return;
        }
        reply(out, Wire.ACCEPTED, "");
        served.incrementAndGet();
        Subscription sub = new Subscription(out);
        open.add(sub); // after the acceptance: the heartbeats go to subscriptions
        if (closed) {
            sub.end(); // the engine stopped meanwhile: the command returns at once
        }
        try {
            DaemonThreads.of("llm-session-engine-subscriber", () -> sub.read(in)).start();
            PrintWriter stdout = new PrintWriter(new OutputStreamWriter(new FrameStream(out, Wire.STDOUT),
                    StandardCharsets.UTF_8));
            PrintWriter stderr = new PrintWriter(new OutputStreamWriter(new FrameStream(out, Wire.STDERR),
                    StandardCharsets.UTF_8));
            int code = runner.run(sent.toRun(new ByteArrayInputStream(new byte[0])), new Feeding(shared, sub),
                    stdout, stderr);
            stdout.flush();
            stderr.flush();
            if (closed) {
                return; // the engine stops: no exit code, the connection's end tells the monitor to go on by itself
            }
            synchronized (out) {
                Wire.writeExit(out, code);
                out.flush();
            }
        } finally {
            sub.end();
            open.remove(sub);
        }
    }

    /** Monitors subscribed since the engine started. */
    long served() {
        return served.get();
    }

    /** Monitors subscribed now. */
    int subscribed() {
        return open.size();
    }

    /** Ends every subscription: the engine stops. */
    @Override
    public void close() {
        closed = true;
        open.forEach(Subscription::end);
    }

    private static void reply(DataOutputStream out, byte type, String text) throws IOException {
        synchronized (out) {
            Wire.writeFrame(out, type, text);
            out.flush();
        }
    }

    /** Tells {@code listener} of each file change under {@code lib}'s folders; returns the hub to leave. */
    private ChangeHub follow(LlmSessions lib, Runnable listener) {
        synchronized (hubs) {
            ChangeHub hub = hubs.computeIfAbsent(lib, ChangeHub::new);
            hub.add(listener);
            return hub;
        }
    }

    /** The engine's libraries, with this subscription's feed for the {@code monitor} command that runs on them. */
    private record Feeding(SharedSessions shared, MonitorFeed feed) implements SharedSessions {
        @Override
        public LlmSessions get(Object key, Supplier<LlmSessions> build) {
            return shared.get(key, build);
        }

        @Override
        public TeamStore team(Object key, Supplier<TeamStore> open) {
            return shared.team(key, open);
        }

        @Override
        public Optional<MonitorFeed> monitorFeed() {
            return Optional.of(feed);
        }
    }

    /** One subscriber: what it asked for, and when its next snapshot is due. */
    private final class Subscription implements MonitorFeed {
        private final DataOutputStream out;
        private final Object lock = new Object();
        private final Runnable waker = this::wake;
        private PushPolicy policy;
        private boolean ended;
        private volatile Optional<SessionId> trend = Optional.empty();

        Subscription(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void serve(Refresher.Source source, Duration interval, Optional<LlmSessions> watched) {
            synchronized (lock) {
                policy = new PushPolicy(interval);
            }
            Optional<ChangeHub> hub = watched.map(lib -> follow(lib, waker));
            SnapshotCodec.Encoder encoder = new SnapshotCodec.Encoder();
            try {
                while (awaitTurn()) {
                    byte[] snapshot = encoder.encode(source.fetch(trend));
                    synchronized (out) {
                        Wire.writeFrame(out, Wire.SNAPSHOT, snapshot, 0, snapshot.length);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                end(); // the subscriber left while its snapshot was written
            } finally {
                hub.ifPresent(h -> h.remove(waker));
            }
        }

        /** Waits until the next snapshot is due; false when the subscription has ended. */
        private boolean awaitTurn() {
            synchronized (lock) {
                try {
                    long wait;
                    while (!ended && (wait = policy.dueIn(System.nanoTime())) > 0) {
                        lock.wait(Math.max(1, wait / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ended = true;
                }
                if (ended) {
                    return false;
                }
                policy.taken(System.nanoTime());
                return true;
            }
        }

        void wake() {
            synchronized (lock) {
                if (policy != null) {
                    policy.wake();
                }
                lock.notifyAll();
            }
        }

        void end() {
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        }

        /** The subscriber's requests, until its end of the connection closes: then the feed ends. */
        void read(DataInputStream in) {
            try {
                for (Wire.Frame f = Wire.readFrame(in); f != null; f = Wire.readFrame(in)) {
                    if (f.type() == Wire.WANT) {
                        trend = wanted(f.text());
                        wake();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a subscriber that left or spoke nonsense ends its own feed only
            } finally {
                end();
            }
        }

        private static Optional<SessionId> wanted(String id) {
            int cut = id.indexOf('_');
            if (cut <= 0 || cut == id.length() - 1) {
                return Optional.empty();
            }
            try {
                return Optional.of(new SessionId(id.substring(0, cut), id.substring(cut + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // not an id: no trend, as for any unknown session
            }
        }
    }

    /**
     * One library's file events, waited for on one thread and passed on to its subscribers; the thread ends, and the
     * hub is forgotten, when its last subscriber has left.
     */
    private final class ChangeHub implements Runnable {
        private final LlmSessions lib;
        private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
        private Thread thread;

        ChangeHub(LlmSessions lib) {
            this.lib = lib;
        }

        synchronized void add(Runnable listener) {
            listeners.add(listener);
            if (thread == null) {
                thread = DaemonThreads.of("llm-session-engine-changes", this);
                thread.start();
            }
        }

        synchronized void remove(Runnable listener) {
            listeners.remove(listener);
        }

        /** Whether no one listens any more; then the hub is forgotten (under the hubs' lock, as {@link #follow}). */
        private boolean retired() {
            synchronized (hubs) {
                synchronized (this) {
                    if (!listeners.isEmpty()) {
                        return false;
                    }
                    thread = null;
                    hubs.remove(lib);
                    return true;
                }
            }
        }

        @Override
        public void run() {
            try {
                while (!retired()) {
                    if (lib.awaitChange(WAIT)) {
                        listeners.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // a closed library: its subscribers go on at their interval
                synchronized (hubs) {
                    hubs.remove(lib, this);
                }
            }
        }
    }
}
