package dev.llmsession.cli.engine;

import dev.llmsession.cli.client.EngineAddress;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a command ran in-process because no engine served its world: starts one in the background, unless
 * {@code CI} is set or the configuration says {@code daemon.autostart: false}, and says so the first time.
 */
public final class AutoStart {
    private AutoStart() {
    }

    /**
     * Whether an engine would serve the next such command line: one it runs (not `--version`, `--help` alone,
     * `daemon stop` finding none, or a command that stays in the caller's JVM), or a monitor, which subscribes.
     */
    static boolean worthAnEngine(List<String> args) {
        Optional<String> command = Locality.command(args);
        return command.filter("monitor"::equals).isPresent()
                || command.filter(Locality.SERVED::contains).isPresent() && Locality.whyLocal(args).isEmpty();
    }

    /**
     * @param env  the run's environment variables
     * @param home the user's home
     * @param args the run's arguments
     * @param err  where the one line saying an engine was started goes
     */
    public static void afterRun(Map<String, String> env, Path home, String[] args, PrintWriter err) {
        String ci = env.get("CI");
        if (ci != null && !ci.isBlank() || !worthAnEngine(List.of(args))) {
            return;
        }
        Path cwd = Path.of("").toAbsolutePath();
        List<String> argList = List.of(args);
        List<String> worldOptions = EngineAddress.worldOptions(argList, cwd);
        try {
            Optional<Path> explicit = worldOptions.stream().filter(o -> o.startsWith("--config="))
                    .map(o -> Path.of(o.substring("--config=".length()))).findFirst();
            Path file = explicit.orElseGet(() -> ConfigLoader.defaultPath(env, home));
            // Only a file that exists is parsed: the common case costs no YAML parser.
            if (Files.exists(file)) {
                CliConfig config = new ConfigLoader().load(explicit, env, home);
                if (!config.engineAutostart()) {
                    return;
                }
            }
            EngineAddress address = EngineAddress.of(env, cwd, argList);
            if (address.prepareDirectory() != null || starting(address)) {
                return;
            }
            EngineProcess.spawn(address, worldOptions);
            Path announced = address.announced();
            if (!Files.exists(announced)) {
                err.println("llm-session: started an engine in the background so the next commands answer at once"
                        + " (llm-session daemon stop ends it; daemon.autostart: false in the configuration turns this"
                        + " off)");
                err.flush();
                Files.writeString(announced, "");
            }
        } catch (IOException | RuntimeException e) {
            // Starting an engine is a courtesy: the command has run, and the next one runs in-process again.
        }
    }

    /** Whether an engine holds the world's lock already (starting up, not yet listening). */
    private static boolean starting(EngineAddress address) throws IOException {
        try (FileChannel lockFile = FileChannel.open(address.lock(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            return lock == null;
        }
    }
}
