package dev.llmsession.cli.monitor;

import dev.llmsession.cli.client.DaemonThreads;
import dev.llmsession.cli.client.EngineAddress;
import dev.llmsession.cli.client.EngineClient;
import dev.llmsession.cli.client.SocketStreams;
import dev.llmsession.cli.client.Wire;
import dev.llmsession.model.SessionId;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A monitor's subscription to the engine of its world ({@link Wire#SUBSCRIBE}): the engine runs the same
 * {@code monitor} command line on its resident library and pushes each refresh as a snapshot; this end decodes them
 * ({@link SnapshotCodec}) for the same renderers a refresh of its own feeds. What the command prints there (a bad
 * {@code --assistant}) is printed here, and its exit code ends the subscription. An engine that stops, dies or stays
 * silent (no snapshot, no heartbeat) for {@link #SILENCE_LIMIT} ends it as {@link Received.Lost}: the caller
 * refreshes on its own then.
 */
public final class EngineFeed implements AutoCloseable {
    /** The engine sends a heartbeat every second between snapshots: this long without a frame, it hangs. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(15);

    /** What the next read brought. */
    public sealed interface Received {
        /** A refresh. */
        record Snapshot(MonitorData data) implements Received {
        }

        /** The command ended in the engine (its errors are printed): exit with this code. */
        record Exit(int code) implements Received {
        }

        /** The engine went away (stopped, killed, silent): why, in a few words. */
        record Lost(String why) implements Received {
        }
    }

    private final SocketChannel channel;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private final Thread watchdog;
    private volatile long lastHeard = System.nanoTime();
    private volatile String silent;

    private EngineFeed(SocketChannel channel, DataInputStream in, DataOutputStream out, PrintWriter stdout,
            PrintWriter stderr) {
        this.channel = channel;
        this.in = in;
        this.out = out;
        this.stdout = stdout;
        this.stderr = stderr;
        this.watchdog = DaemonThreads.of("llm-session-feed-watchdog", this::watch);
    }

    /**
     * Subscribes to the engine of {@code address} for the command line {@code args}; empty when no engine serves
     * this world, it leaves the monitor to this process (another build: it steps down), or it did not answer —
     * the monitor then refreshes on its own, as without an engine. A socket nobody answers on costs one line on
     * {@code stderr}, as for any command.
     */
    public static Optional<EngineFeed> open(EngineAddress address, Map<String, String> env, Path cwd, String[] args,
            PrintWriter stdout, PrintWriter stderr) {
        if (!Files.exists(address.socket()) || address.checkDirectory() != null) {
            return Optional.empty();
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(address.socket()));
            // the reading thread waits for snapshots while the UI thread asks for one: streams that allow both
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(channel)));
            EngineClient.writeRequest(out, Wire.SUBSCRIBE, address, env, cwd, args);
            EngineFeed feed = new EngineFeed(channel, new DataInputStream(new BufferedInputStream(
                    SocketStreams.in(channel))), out, stdout, stderr);
            feed.watchdog.start();
            Wire.Frame answer = Wire.readFrame(feed.in);
            while (answer != null && answer.type() == Wire.HEARTBEAT) {
                answer = Wire.readFrame(feed.in);
            }
            if (answer != null && answer.type() == Wire.ACCEPTED) {
                feed.lastHeard = System.nanoTime();
                return Optional.of(feed);
            }
            feed.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            stderr.println("llm-session: the engine is not running (" + e.getMessage() + "); the monitor refreshes"
                    + " in this process");
            stderr.flush();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    // Closing is all that is left to try.
                }
            }
            return Optional.empty();
        }
    }

    /** Blocks until the engine sends a snapshot, ends the command, or goes away. */
    public Received next() {
        try {
            while (true) {
                Wire.Frame f = Wire.readFrame(in);
                lastHeard = System.nanoTime();
                if (f == null) {
                    return new Received.Lost("the engine stopped");
                }
                switch (f.type()) {
                    case Wire.SNAPSHOT -> {
                        return new Received.Snapshot(SnapshotCodec.decode(f.body()));
                    }
                    case Wire.STDOUT -> {
                        stdout.print(f.text());
                        stdout.flush();
                    }
                    case Wire.STDERR -> {
                        stderr.print(f.text());
                        stderr.flush();
                    }
                    case Wire.EXIT -> {
                        return new Received.Exit(f.code());
                    }
                    case Wire.HEARTBEAT -> {
                    }
                    default -> {
                        return new Received.Lost("the engine sent an unexpected frame '" + (char) f.type() + "'");
                    }
                }
            }
        } catch (IOException e) {
            return new Received.Lost(silent != null ? silent : "the engine went away (" + e.getMessage() + ")");
        }
    }

    /** Asks for a snapshot now, with the trend of {@code trend} (none when empty); false when the engine is gone. */
    public boolean want(Optional<SessionId> trend) {
        try {
            synchronized (out) {
                Wire.writeFrame(out, Wire.WANT, trend.map(SessionId::value).orElse(""));
                out.flush();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the subscription (the engine sees its end of the connection close and stops refreshing for it). */
    @Override
    public void close() {
        watchdog.interrupt();
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that is left to try.
        }
    }

    /** Closes the connection when the engine stays silent too long; closing wakes the blocked read. */
    private void watch() {
        try {
            while (channel.isOpen()) {
                long limit = SILENCE_LIMIT.toNanos();
                long silentFor = System.nanoTime() - lastHeard;
                if (silentFor >= limit) {
                    silent = "the engine sent nothing for " + limit / 1_000_000_000 + " s";
                    close();
                    return;
                }
                Thread.sleep(Math.max(10, Math.min(1_000, (limit - silentFor) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
