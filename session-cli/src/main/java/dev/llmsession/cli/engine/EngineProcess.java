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
    /** The engine's heap: the resident world of a 1 GB history fits, and RSS stays near the SPEC's 256 MiB. */
    static final String ENGINE_HEAP = "-Xmx256m";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private EngineProcess() {
    }

    /**
     * Starts the engine of {@code address} detached (its own session where {@code setsid} exists, stdin from
     * {@code /dev/null}, output appended to its log), with this JVM's options and class path and the world
     * options {@code worldOptions} ({@code --data-dir=/abs}…).
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
                    && !option.startsWith("-javaagent")) {
                command.add(option);
            }
        }
        command.add(ENGINE_HEAP);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineClient.MAIN);
        command.add("daemon");
        command.add("run");
        command.addAll(worldOptions);
        File log = address.log().toFile();
        return new ProcessBuilder(command)
                .directory(address.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectError(ProcessBuilder.Redirect.appendTo(log))
                .start();
    }
}
