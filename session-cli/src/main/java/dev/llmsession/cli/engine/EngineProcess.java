package dev.llmsession.cli.engine;

import dev.llmsession.cli.client.EngineAddress;
import dev.llmsession.cli.client.EngineClient;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code llm-session daemon run} for a world as a process of its own that outlives the caller. */
public final class EngineProcess {
    /**
     * The engine's memory: the resident world of a 1 GB history fits in 256 MiB of heap; the heap starts small and
     * gives back what a large answer needed (SerialGC shrinks to 30 % free after a collection; a fixed 32 MiB young
     * generation whose survivor spaces hold what one command still uses, rather than promoting it into the old
     * generation at every young collection), and the code cache is capped, so RSS stays under the SPEC's 256 MiB
     * (measured: 227 MiB peak on a 1 GB history; 300 MiB with the JVM's defaults on a 24 GiB machine, where the
     * initial heap alone is 256 MiB).
     */
    static final List<String> ENGINE_MEMORY = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx256m", "-Xmn32m",
            "-XX:SurvivorRatio=4", "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10",
            "-XX:ReservedCodeCacheSize=48m");
    /**
     * The engine's compiler: C1 only, as an in-process run. A command or refresh reads only what changed, and C2
     * kept compiling and recompiling the refresh's large methods long after start (one compile of the Claude
     * adapter's refresh took 3.3 s; 0.9-1.8 s of C2 per 2 minutes of monitor refreshes after 150 s of warm-up), which
     * made the monitor's slowest refreshes; its code also cost ~65 MiB of RSS (docs/BENCHMARKS.md, *engine*, round 8).
     */
    static final String ENGINE_COMPILER = "-XX:TieredStopAtLevel=1";
    /**
     * Options of the caller that suit a short relaying client, not a resident process: C1 only or no JIT at all, the
     * options of its in-process relaunch, the client's small class-data archive and its training, no perf-data file
     * (the launcher sets them when it expects an engine to answer; the engine it then starts, after finding none,
     * must not inherit them); JDK Flight Recorder switched off (a resident engine pays JFR's start once and stays
     * one that {@code jcmd JFR.start} can profile); and any collector choice, as the engine names its own (two
     * would stop the JVM from starting).
     */
    private static final List<String> CLIENT_ONLY = List.of("-XX:TieredStopAtLevel", "-XX:SharedArchiveFile",
            "-XX:ArchiveClassesAtExit", "-XX:DumpLoadedClassList", "-Xshare:", "-XX:-UsePerfData", "-Xint",
            "-D" + EngineClient.RELAUNCH_PROPERTY, "-Djfr.unsupported.vm");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private EngineProcess() {
    }

    /** Whether {@code option} of the caller must not reach the engine it starts. */
    static boolean clientOnly(String option) {
        if (option.startsWith("-XX:+Use") && option.endsWith("GC")) {
            return true;
        }
        for (String prefix : CLIENT_ONLY) {
            if (option.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the engine of {@code address} detached (its own session where {@code setsid} exists, stdin from
     * {@code /dev/null}, output appended to its log), with this JVM's options and class path and the options of
     * {@code daemon run} {@code worldOptions}: the world's ({@code --data-dir=/abs}…), and {@code --metrics} when
     * asked.
     */
    public static Process spawn(EngineAddress address, List<String> worldOptions) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-D" + EngineClient.AUTOSTART_PROPERTY) && !option.startsWith("-agentlib")
                    && !option.startsWith("-javaagent") && !clientOnly(option)) {
                command.add(option);
            }
        }
        command.addAll(ENGINE_MEMORY);
        command.add(ENGINE_COMPILER);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineClient.MAIN);
        command.add("daemon");
        command.add("run");
        command.addAll(worldOptions);
        File log = address.log().toFile();
        ProcessBuilder builder = new ProcessBuilder(command);
        // glibc keeps a malloc arena per thread that ever allocated; two are plenty for a mostly idle engine
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        return builder
                .directory(address.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectError(ProcessBuilder.Redirect.appendTo(log))
                .start();
    }
}
