package dev.llmsession.cli.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's entry point. It loads only JDK classes: when an engine serves this world it sends the command
 * line there and prints the answer byte for byte; otherwise (no engine, {@code --no-daemon},
 * {@code LLM_SESSION_NO_DAEMON=1}, a command the engine leaves to the terminal, an engine that is dead or hung)
 * it runs the command in this JVM, and a dead or hung engine costs one line on stderr, never the command.
 *
 * <p>The answer is held until the exit code arrives (up to {@link #HOLD_LIMIT}), so an engine that dies halfway
 * leaves nothing printed and the command is simply run again here.
 */
public final class EngineClient {
    /** The in-process entry point, loaded by name so this class needs nothing beyond the JDK. */
    public static final String MAIN = "dev.llmsession.cli.Main";
    /** Set for the in-process run when no engine answered, so it may start one (the configuration decides). */
    public static final String AUTOSTART_PROPERTY = "llmsession.autostart";
    /**
     * The JVM options, one per line, of a command that runs in-process after all, given by the launcher to a client
     * it started interpreted-only (see {@link #inProcess}).
     */
    public static final String RELAUNCH_PROPERTY = "llmsession.relaunch";
    /** Overrides the build this client says it is (tests of the step-down). */
    public static final String BUILD_PROPERTY = "llmsession.build";
    /** Output held back before it is streamed; past it an engine failure can no longer be hidden. */
    static final int HOLD_LIMIT = 32 << 20;

    private static final long ACCEPT_TIMEOUT_MS = Long.getLong("llmsession.engine.acceptTimeoutMs", 3_000);
    private static final long SILENCE_TIMEOUT_MS = Long.getLong("llmsession.engine.silenceTimeoutMs", 15_000);

    private EngineClient() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        if (noDaemon(env, args)) {
            inProcess(args, false);
            return;
        }
        pinSelectorProvider();
        warmUpSockets();
        Path cwd = Path.of("").toAbsolutePath();
        EngineAddress address = EngineAddress.of(env, cwd, List.of(args));
        Outcome outcome = ask(address, env, cwd, args, new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err));
        if (outcome.code != null) {
            System.exit(outcome.code);
        }
        if (outcome.problem != null) {
            System.err.println("llm-session: " + outcome.problem + "; running the command without it");
            System.err.flush();
        }
        inProcess(args, outcome.mayStart && env.get("CI") == null);
    }

    /**
     * What asking the engine gave: an exit code (the answer is printed), or why the command runs here (null when
     * that is normal) and whether an engine may be started.
     */
    public record Outcome(Integer code, String problem, boolean mayStart) {
        static Outcome done(int code) {
            return new Outcome(code, null, false);
        }

        static Outcome here(String problem, boolean mayStart) {
            return new Outcome(null, problem, mayStart);
        }
    }

    /** Whether the user opted out of the engine: {@code LLM_SESSION_NO_DAEMON=1} or {@code --no-daemon}. */
    public static boolean noDaemon(Map<String, String> env, String[] args) {
        String v = env.get("LLM_SESSION_NO_DAEMON");
        if (v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false")) {
            return true;
        }
        for (String a : args) {
            if ("--".equals(a)) {
                return false;
            }
            if ("--no-daemon".equals(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Names the JDK's own default selector provider in the property {@link java.nio.channels.spi.SelectorProvider}
     * reads first. Without it the first socket looks for a provider through {@code ServiceLoader}, which opens and
     * indexes this whole jar (~10-20 ms of CPU in a relayed command) to find none. Only where the JDK's default is
     * known and present, so the provider is the one the JDK would have chosen.
     */
    private static void pinSelectorProvider() {
        String property = "java.nio.channels.spi.SelectorProvider";
        String os = System.getProperty("os.name", "");
        String name = os.startsWith("Linux") ? "sun.nio.ch.EPollSelectorProvider"
                : os.startsWith("Mac") ? "sun.nio.ch.KQueueSelectorProvider" : null;
        if (name == null || System.getProperty(property) != null) {
            return;
        }
        try {
            Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            return;
        }
        System.setProperty(property, name);
    }

    /**
     * Initialises the JDK's Unix-domain sockets on a thread of its own while this one works out the world's key:
     * their class set-up seeds a {@code SecureRandom} (the security providers) and spins the JDK's first lambda,
     * about as long as the key takes with its zone database (docs/engine.md). The socket opened here is closed at
     * once; the real one finds the classes ready, or waits for them.
     */
    private static void warmUpSockets() {
        // a class, not a lambda or method reference: the first of those costs what this saves
        Thread warm = new Thread(new SocketWarmUp(), "llm-session-socket-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    private static final class SocketWarmUp implements Runnable {
        @Override
        public void run() {
            try {
                SocketChannel.open(StandardProtocolFamily.UNIX).close();
            } catch (IOException | RuntimeException e) {
                // The real socket reports what is wrong.
            }
        }
    }

    /** The identity of this build: another one makes a running engine step down. */
    public static String build() {
        String override = System.getProperty(BUILD_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override;
        }
        try {
            Path code = Path.of(EngineClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes jar = Files.readAttributes(code, BasicFileAttributes.class);
            if (jar.isRegularFile()) {
                return "jar " + jar.size() + " " + jar.lastModifiedTime().toMillis();
            }
            return "classes " + code;
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Sends the command to the engine of {@code address} and writes its answer to {@code stdout}/{@code stderr}. */
    public static Outcome ask(EngineAddress address, Map<String, String> env, Path cwd, String[] args,
            OutputStream stdout, OutputStream stderr) {
        return ask(address, env, cwd, args, System.in, stdout, stderr);
    }

    /** As {@link #ask(EngineAddress, Map, Path, String[], OutputStream, OutputStream)}, reading {@code stdin}. */
    public static Outcome ask(EngineAddress address, Map<String, String> env, Path cwd, String[] args,
            InputStream stdin, OutputStream stdout, OutputStream stderr) {
        Path socket = address.socket();
        if (!Files.exists(socket)) {
            return Outcome.here(null, true);
        }
        String unsafe = address.checkDirectory();
        if (unsafe != null) {
            return Outcome.here("engine folder not used: " + unsafe, false);
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            // A socket file nobody listens on: the engine died; the next one replaces the file.
            return Outcome.here("the engine is not running (" + e.getMessage() + ")", true);
        }
        Watchdog watchdog = new Watchdog(channel);
        try (channel) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            writeRequest(out, Wire.RUN, address, env, cwd, args);
            watchdog.start();
            return receive(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))), out,
                    watchdog, stdin, stdout, stderr);
        } catch (IOException | RuntimeException e) {
            String why = watchdog.fired != null ? watchdog.fired : "the engine failed (" + e.getMessage() + ")";
            return Outcome.here(why, false);
        } finally {
            watchdog.stop();
        }
    }

    /**
     * One control request ({@link Wire#PING}, {@link Wire#STATUS}, {@link Wire#STOP}) to the engine of
     * {@code address}: its text answer, or null when no engine answers there within {@code timeoutMs}.
     */
    public static String call(EngineAddress address, byte kind, long timeoutMs) {
        if (!Files.exists(address.socket()) || address.checkDirectory() != null) {
            return null;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(address.socket()));
            Watchdog watchdog = new Watchdog(channel, timeoutMs);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            out.writeInt(Wire.MAGIC);
            out.writeInt(Wire.VERSION);
            out.writeByte(kind);
            Wire.writeString(out, build());
            Wire.writeString(out, address.key());
            out.flush();
            watchdog.start();
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
                for (Wire.Frame f = Wire.readFrame(in); f != null; f = Wire.readFrame(in)) {
                    if (f.type() == Wire.TEXT) {
                        return f.text();
                    }
                }
                return null;
            } finally {
                watchdog.stop();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A request of {@code kind} ({@link Wire#RUN}, {@link Wire#SUBSCRIBE}) for the command line {@code args}: this
     * build, the world's key, the working directory, whether a console is attached, the home, the arguments and
     * the whole environment.
     */
    public static void writeRequest(DataOutputStream out, byte kind, EngineAddress address, Map<String, String> env,
            Path cwd, String[] args) throws IOException {
        out.writeInt(Wire.MAGIC);
        out.writeInt(Wire.VERSION);
        out.writeByte(kind);
        Wire.writeString(out, build());
        Wire.writeString(out, address.key());
        Wire.writeString(out, cwd.toString());
        out.writeBoolean(System.console() != null);
        Wire.writeString(out, System.getProperty("user.home"));
        out.writeInt(args.length);
        for (String a : args) {
            Wire.writeString(out, a);
        }
        out.writeInt(env.size());
        for (Map.Entry<String, String> e : env.entrySet()) {
            Wire.writeString(out, e.getKey());
            Wire.writeString(out, e.getValue());
        }
        out.flush();
    }

    private static Outcome receive(DataInputStream in, DataOutputStream out, Watchdog watchdog, InputStream stdin,
            OutputStream stdout, OutputStream stderr) throws IOException {
        List<Wire.Frame> held = new ArrayList<>();
        long heldBytes = 0;
        boolean streaming = false;
        while (true) {
            Wire.Frame f = Wire.readFrame(in);
            watchdog.heard();
            if (f == null) {
                if (streaming) {
                    // Part of the answer is printed: running the command again would print it twice.
                    stderr.write("llm-session: the engine stopped before the command finished\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    stderr.flush();
                    return Outcome.done(1);
                }
                throw new IOException("the engine closed the connection");
            }
            switch (f.type()) {
                case Wire.ACCEPTED, Wire.HEARTBEAT -> {
                }
                case Wire.STDIN_WANTED -> sendStdin(stdin, out);
                case Wire.STDOUT, Wire.STDERR -> {
                    if (streaming) {
                        (f.type() == Wire.STDOUT ? stdout : stderr).write(f.body());
                    } else {
                        held.add(f);
                        heldBytes += f.body().length;
                        if (heldBytes > HOLD_LIMIT) {
                            replay(held, stdout, stderr);
                            held.clear();
                            streaming = true;
                        }
                    }
                }
                case Wire.EXIT -> {
                    replay(held, stdout, stderr);
                    stdout.flush();
                    stderr.flush();
                    return Outcome.done(f.code());
                }
                case Wire.LOCAL -> {
                    return Outcome.here(null, false);
                }
                case Wire.STEP_DOWN -> {
                    return Outcome.here(null, true);
                }
                default -> throw new IOException("unexpected frame '" + (char) f.type() + "'");
            }
        }
    }

    /** This process's standard input to the engine, up to {@link Wire#MAX_STDIN}, then an empty frame. */
    private static void sendStdin(InputStream stdin, DataOutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long sent = 0;
        int n;
        while (sent < Wire.MAX_STDIN
                && (n = stdin.read(buf, 0, (int) Math.min(buf.length, Wire.MAX_STDIN - sent))) > 0) {
            Wire.writeFrame(out, Wire.STDIN, buf, 0, n);
            sent += n;
        }
        Wire.writeFrame(out, Wire.STDIN, buf, 0, 0);
        out.flush();
    }

    private static void replay(List<Wire.Frame> frames, OutputStream stdout, OutputStream stderr) throws IOException {
        for (Wire.Frame f : frames) {
            (f.type() == Wire.STDOUT ? stdout : stderr).write(f.body());
        }
    }

    /**
     * Runs the command in this JVM, or, when this JVM only interprets (the launcher starts a relaying client with
     * {@code -Xint}: without a JIT compiler thread it answers ~30 ms sooner) and the launcher named the options
     * of an in-process run, in a JVM started with those: a whole command interpreted would take seconds.
     */
    private static void inProcess(String[] args, boolean mayStart) throws Exception {
        String relaunch = System.getProperty(RELAUNCH_PROPERTY);
        if (relaunch != null && System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            System.exit(relaunch(relaunch, args, mayStart));
        }
        if (mayStart) {
            System.setProperty(AUTOSTART_PROPERTY, "true");
        }
        try {
            Class.forName(MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /**
     * Runs {@code args} in-process in a new JVM with the options {@code options} (one per line), this class path and
     * the same standard streams, directory and environment; returns its exit code. Should this JVM be stopped (a
     * terminal's Ctrl-C reaches both), it stops the child too and waits up to 5 s for it, so none outlives it.
     */
    private static int relaunch(String options, String[] args, boolean mayStart)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : options.split("\n")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        if (mayStart) {
            command.add("-D" + AUTOSTART_PROPERTY + "=true");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "llm-session-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        return code;
    }

    /**
     * Closes the connection when the engine is silent too long: no acceptance within
     * {@code llmsession.engine.acceptTimeoutMs}, or no frame (it sends a heartbeat every second while a command
     * runs) within {@code llmsession.engine.silenceTimeoutMs}. Closing wakes the blocked read.
     */
    private static final class Watchdog implements Runnable {
        private final SocketChannel channel;
        private final long acceptTimeoutMs;
        private final Thread thread = new Thread(this, "llm-session-engine-watchdog");
        private volatile long lastHeard = System.nanoTime();
        private volatile boolean accepted;
        private volatile boolean stopped;
        volatile String fired;

        Watchdog(SocketChannel channel) {
            this(channel, ACCEPT_TIMEOUT_MS);
        }

        Watchdog(SocketChannel channel, long acceptTimeoutMs) {
            this.channel = channel;
            this.acceptTimeoutMs = acceptTimeoutMs;
            thread.setDaemon(true);
        }

        void start() {
            lastHeard = System.nanoTime();
            thread.start();
        }

        void heard() {
            accepted = true;
            lastHeard = System.nanoTime();
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }

        @Override
        public void run() {
            while (!stopped) {
                long limit = accepted ? SILENCE_TIMEOUT_MS : acceptTimeoutMs;
                long silentMs = (System.nanoTime() - lastHeard) / 1_000_000;
                if (silentMs >= limit) {
                    fired = "the engine did not answer within " + limit + " ms";
                    try {
                        channel.close();
                    } catch (IOException e) {
                        // Closing is all that is left to try.
                    }
                    return;
                }
                try {
                    Thread.sleep(Math.max(10, Math.min(200, limit - silentMs)));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
