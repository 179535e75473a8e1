package dev.llmsession.cli.engine;

import dev.llmsession.cli.client.DaemonThreads;
import dev.llmsession.spi.OwnerOnlyFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.api.RefreshStats;
import dev.llmsession.cli.client.EngineAddress;
import dev.llmsession.cli.client.EngineClient;
import dev.llmsession.cli.client.SocketStreams;
import dev.llmsession.cli.client.Wire;
import dev.llmsession.cli.render.SessionJson;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The resident engine of one world. It holds the world's lock for its whole life (two engines raced for one
 * world: one wins), replaces a stale socket, listens on an owner-only socket in an owner-only folder, refuses
 * peers of another user, and runs each command line it is sent with the library it keeps warm, streaming back
 * stdout, stderr and the exit code. Every command re-reads what it needs (the index is told about each changed
 * file, the process table is read again), so an answer is never staler than an in-process run's. It steps down
 * for a client of another build and exits after an idle time. Monitors subscribe ({@link Wire#SUBSCRIBE}) and are
 * fed snapshots by {@link MonitorFeeds}.
 */
public final class Engine {
    /** Commands run at once; the rest wait (with heartbeats) for a turn. */
    private static final int PARALLEL = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final long HEARTBEAT_MS = 1_000;

    private final EngineAddress address;
    private final CommandRunner runner;
    private final Duration idle;
    private final PrintWriter log;
    private final String build = EngineClient.build();
    private final String user = System.getProperty("user.name");
    private final Instant started = Instant.now();
    private final ResidentWorlds worlds = new ResidentWorlds();
    private final MonitorFeeds feeds = new MonitorFeeds();
    private final Semaphore turns = new Semaphore(PARALLEL, true);
    /** The streams of the commands running now; a waiting command's with its thread, interrupted if its client left. */
    private final Map<DataOutputStream, Optional<Thread>> running = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong lastActive = new AtomicLong(System.nanoTime());
    private final ExecutorService connections =
            Executors.newCachedThreadPool(DaemonThreads.named("llm-session-engine-connection"));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("llm-session-engine-timer"));
    private volatile ServerSocketChannel server;
    private volatile String stopReason;

    /**
     * @param address   the world's socket, lock and log
     * @param runner    runs a client's command line
     * @param idle      how long without a command before the engine exits
     * @param log       where the engine says it started and why it stopped
     */
    public Engine(EngineAddress address, CommandRunner runner, Duration idle, PrintWriter log) {
        this.address = Objects.requireNonNull(address, "address");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Serves until stopped, idle, or stepped down; returns 0 then, 1 when it could not start, and 4 when another
     * engine already serves this world.
     */
    public int run() {
        String unfit = address.prepareDirectory();
        if (unfit != null) {
            log.println("llm-session: cannot start the engine: " + unfit);
            log.flush();
            return 1;
        }
        try (FileChannel lockFile = FileChannel.open(address.lock(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                log.println("llm-session: an engine already serves this world (" + address.socket() + ")");
                log.flush();
                return 4;
            }
            return serve();
        } catch (IOException | RuntimeException e) {
            log.println("llm-session: the engine failed: " + e);
            log.flush();
            return 1;
        } finally {
            shutdownQuietly();
        }
    }

    /** The world's lock, or null when another engine (in another process or this one) holds it. */
    private static FileLock tryLock(FileChannel lockFile) throws IOException {
        try {
            return lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private int serve() throws IOException {
        Path socket = address.socket();
        // Holding the lock, any socket file left here is a dead engine's.
        Files.deleteIfExists(socket);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        server = channel;
        OwnerOnlyFiles.restrict(socket);
        Thread hook = new Thread(this::removeSocket, "llm-session-engine-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        long checkMs = Math.max(50, Math.min(30_000, idle.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::checkIdle, checkMs, checkMs, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        log.println("llm-session: engine " + ProcessHandle.current().pid() + " serves " + socket + " (idle exit after "
                + idle + ")");
        log.flush();
        while (stopReason == null) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (ClosedChannelException e) {
                break;
            }
            connections.execute(() -> handle(client));
        }
        log.println("llm-session: engine " + ProcessHandle.current().pid() + " stopped: " + stopReason);
        log.flush();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook removes the socket.
        }
        return 0;
    }

    /**
     * Runs {@code work} as a command for the idle exit, on the engine's resident libraries: what the engine hosts
     * beside its socket (a metrics scrape). The library it takes is released after, as a command's is.
     */
    public <T> T busy(java.util.function.Function<SharedSessions, T> work) {
        active.incrementAndGet();
        try {
            return work.apply(worlds);
        } finally {
            worlds.release();
            lastActive.set(System.nanoTime());
            active.decrementAndGet();
        }
    }

    /** Stops accepting and removes the socket; commands in flight finish. */
    void stop(String reason) {
        if (stopReason != null) {
            return;
        }
        stopReason = reason;
        // The socket first: closing the feeds may need classes an engine whose jar was written over cannot load.
        removeSocket();
        ServerSocketChannel s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing is all that is left to try.
            }
        }
        feeds.close();
    }

    private void removeSocket() {
        try {
            Files.deleteIfExists(address.socket());
        } catch (IOException e) {
            // The next engine replaces it.
        }
    }

    private void shutdownQuietly() {
        timer.shutdownNow();
        feeds.close();
        connections.shutdown();
        try {
            connections.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worlds.close();
    }

    private void checkIdle() {
        long quietMs = (System.nanoTime() - lastActive.get()) / 1_000_000;
        if (active.get() == 0 && quietMs >= idle.toMillis()) {
            stop("idle for " + idle);
        }
    }

    private void heartbeat() {
        feeds.heartbeat();
        running.forEach((out, waiting) -> {
            synchronized (out) {
                try {
                    Wire.writeFrame(out, Wire.HEARTBEAT, new byte[0], 0, 0);
                    out.flush();
                } catch (IOException e) {
                    // The client left: a command that waits (and would wait forever) is interrupted; the others
                    // finish into the void. Under the stream's lock, so never after the command has ended.
                    if (waiting.isPresent() && running.get(out) == waiting) {
                        waiting.get().interrupt();
                    }
                }
            }
        });
    }

    private void handle(SocketChannel channel) {
        active.incrementAndGet();
        try (channel) {
            if (!samePeer(channel)) {
                return;
            }
            // Not the Channels streams: a subscription reads while it writes, which their shared lock would block.
            DataInputStream in = new DataInputStream(new BufferedInputStream(SocketStreams.in(channel)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(channel)));
            Wire.checkMagic(in);
            byte kind = in.readByte();
            String clientBuild = Wire.readString(in);
            String key = Wire.readString(in);
            if (!key.equals(address.key())) {
                reply(out, Wire.LOCAL, "this engine serves another world");
                return;
            }
            switch (kind) {
                case Wire.PING -> reply(out, Wire.TEXT, Long.toString(ProcessHandle.current().pid()));
                case Wire.STATUS -> reply(out, Wire.TEXT, SessionJson.write(status()));
                case Wire.STOP -> {
                    reply(out, Wire.TEXT, Long.toString(ProcessHandle.current().pid()));
                    stop("asked to stop");
                }
                case Wire.RUN, Wire.SUBSCRIBE -> {
                    if (!clientBuild.equals(build)) {
                        reply(out, Wire.STEP_DOWN, "engine of build " + build + " steps down for " + clientBuild);
                        stop("a client of another build (" + clientBuild + ") came");
                        return;
                    }
                    if (!build.equals(EngineClient.build())) {
                        // Its jar was written over in place (a build while it ran): classes it has not loaded yet
                        // would come from the new jar, or from no jar at all.
                        reply(out, Wire.STEP_DOWN, "the jar of engine build " + build + " changed");
                        stop("its jar changed");
                        return;
                    }
                    if (kind == Wire.RUN) {
                        run(in, out);
                    } else {
                        subscribe(in, out);
                    }
                }
                default -> reply(out, Wire.LOCAL, "unknown request");
            }
        } catch (IOException | RuntimeException e) {
            // A client that left or spoke nonsense costs its own connection only.
        } catch (LinkageError e) {
            // A class it needed could not be loaded: its jar was written over while it ran. An engine that cannot
            // load its own code serves nobody again; the next command runs in-process and starts a new one.
            stop("its classes cannot be loaded (" + e + ")");
        } finally {
            lastActive.set(System.nanoTime());
            active.decrementAndGet();
        }
    }

    /** Whether the peer is this user: the kernel says so on Linux and macOS; elsewhere the folder's 0700 guards. */
    private boolean samePeer(SocketChannel channel) {
        if (!channel.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
            // This OS does not name a socket's peer (SO_PEERCRED is Linux and macOS): the socket's owner-only
            // folder is the guard there, as SPEC section 3.1 says ("refuse peers of another uid where the OS tells").
            return true;
        }
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return peer.user().getName().equals(user);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void reply(DataOutputStream out, byte type, String text) throws IOException {
        synchronized (out) {
            Wire.writeFrame(out, type, text);
            out.flush();
        }
    }

    private void run(DataInputStream in, DataOutputStream out) throws IOException {
        ClientRequest sent = ClientRequest.read(in);
        List<String> args = sent.args();
        Optional<String> local = Locality.whyLocal(args);
        if (local.isPresent()) {
            reply(out, Wire.LOCAL, local.get());
            return;
        }
        reply(out, Wire.ACCEPTED, "");
        boolean turn = !Locality.waits(args);
        running.put(out, turn ? Optional.empty() : Optional.of(Thread.currentThread()));
        try {
            if (turn) {
                turns.acquireUninterruptibly();
            }
            try {
                CommandRunner.Request request = sent.toRun(new ClientStdin(in, out));
                // Frames of up to 256 KiB, not the encoder's 8 KiB: the client reads a 3 MB `list --all --json` in a
                // dozen frames instead of ~370 (each one a channel read, an array and a list entry in a JVM that runs
                // them interpreted). A flush still sends at once; the client shows the answer when it is complete.
                PrintWriter stdout = new PrintWriter(new OutputStreamWriter(new java.io.BufferedOutputStream(
                        new FrameStream(out, Wire.STDOUT), 256 << 10), StandardCharsets.UTF_8));
                PrintWriter stderr = new PrintWriter(new OutputStreamWriter(new FrameStream(out, Wire.STDERR),
                        StandardCharsets.UTF_8));
                int code;
                try {
                    code = runner.run(request, worlds, stdout, stderr);
                } finally {
                    worlds.release();
                }
                stdout.flush();
                stderr.flush();
                served.incrementAndGet();
                synchronized (out) {
                    Wire.writeExit(out, code);
                    out.flush();
                }
            } finally {
                if (turn) {
                    turns.release();
                }
            }
        } finally {
            synchronized (out) {
                running.remove(out);
            }
            Thread.interrupted(); // a pooled thread must not carry a left client's interrupt to the next
        }
    }

    /** A monitor's subscription, served on this connection until it leaves; it counts as a command for idle exit. */
    private void subscribe(DataInputStream in, DataOutputStream out) throws IOException {
        try {
            feeds.serve(ClientRequest.read(in), in, out, runner, worlds);
        } finally {
            worlds.release();
        }
    }

    private ObjectNode status() {
        ObjectNode s = SessionJson.mapper().createObjectNode();
        s.put("running", true);
        s.put("pid", ProcessHandle.current().pid());
        s.put("startedAt", SessionJson.iso(started));
        s.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        s.put("build", build);
        s.put("socket", address.socket().toString());
        s.put("world", address.key());
        s.put("commandsServed", served.get());
        s.put("commandsRunning", running.size());
        s.put("configurations", worlds.size());
        s.put("monitorsServed", feeds.served());
        s.put("monitorsSubscribed", feeds.subscribed());
        Long rss = rssBytes();
        if (rss == null) {
            s.putNull("rssBytes");
        } else {
            s.put("rssBytes", rss);
        }
        s.put("idleExitSeconds", idle.toSeconds());
        // The library used last speaks for the engine; others are kept for configurations tried back and forth.
        List<RefreshStats> kept = worlds.stats();
        s.put("watch", kept.isEmpty() ? "not started: no command served yet" : kept.get(0).watchMode());
        s.put("sessionsTracked", kept.isEmpty() ? 0 : kept.get(0).sessionsTracked());
        Optional<Instant> lastChange = kept.isEmpty() ? Optional.empty() : kept.get(0).lastChange();
        if (lastChange.isPresent()) {
            s.put("lastChangeAt", SessionJson.iso(lastChange.get()));
        } else {
            s.putNull("lastChangeAt");
        }
        s.put("refreshes", kept.stream().mapToLong(RefreshStats::refreshes).sum());
        return s;
    }

    /** Resident set size from {@code /proc/self/status}, or null where there is none. */
    static Long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
