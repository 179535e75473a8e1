package dev.llmsession.cli.engine;

import dev.llmsession.cli.client.Wire;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client sends after the request's kind, build and world key when it asks the engine to run its command
 * line ({@link Wire#RUN}) or to feed its monitor ({@link Wire#SUBSCRIBE}): its working directory (absolute), whether
 * it has a console, its home, its arguments and its whole environment. Counts are bounded like every frame.
 */
record ClientRequest(Path cwd, boolean console, String userHome, List<String> args, Map<String, String> env) {
    /** The rest of a request, as {@code dev.llmsession.cli.client.EngineClient} writes it. */
    static ClientRequest read(DataInputStream in) throws IOException {
        String cwd = Wire.readString(in);
        if (!Path.of(cwd).isAbsolute()) {
            throw new IOException("the working directory must be absolute");
        }
        boolean console = in.readBoolean();
        String userHome = Wire.readString(in);
        int argc = in.readInt();
        checkCount(argc);
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            args.add(Wire.readString(in));
        }
        int envc = in.readInt();
        checkCount(envc);
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < envc; i++) {
            env.put(Wire.readString(in), Wire.readString(in));
        }
        return new ClientRequest(Path.of(cwd), console, userHome, List.copyOf(args), env);
    }

    /** The command line as the engine runs it: its world options made absolute, {@code stdin} as its input. */
    CommandRunner.Request toRun(InputStream stdin) {
        String home = env.get("HOME");
        Path homeDir = Path.of(home == null || home.isBlank() ? userHome : home);
        return new CommandRunner.Request(env, homeDir, console, Locality.resolved(args, cwd), stdin);
    }

    private static void checkCount(int n) throws IOException {
        if (n < 0 || n > 100_000) {
            throw new IOException("count of " + n + " refused");
        }
    }
}
