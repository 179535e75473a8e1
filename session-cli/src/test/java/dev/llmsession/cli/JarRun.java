package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the packaged jar as a user starts it: {@code HOME} set to a temp dir, no colour, and none of the
 * developer's {@code CLAUDE*}, {@code XDG_*} or {@code LLM_SESSION*} variables leaking in.
 */
record JarRun(int code, String out, String err) {

    /** The jar with {@code args}, in the environment described above, not started yet. */
    static ProcessBuilder builder(Path home, String... args) {
        return builder(List.of(), home, args);
    }

    /** As above, on a JVM given {@code jvmOptions} (a small heap, say). */
    static ProcessBuilder builder(List<String> jvmOptions, Path home, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("llmsession.cli.jar", "target/llm-session.jar")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
        return pb;
    }

    /** Runs the jar with {@code args}; stdout and stderr go through files in {@code scratch}. */
    static JarRun run(Path home, Path scratch, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return run(List.of(), home, scratch, timeoutSeconds, args);
    }

    /** Runs the jar on a JVM given {@code jvmOptions} (a small heap, say). */
    static JarRun run(List<String> jvmOptions, Path home, Path scratch, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder pb = builder(jvmOptions, home, args);
        Path out = scratch.resolve("stdout.txt");
        Path err = scratch.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("llm-session finished in time").isTrue();
        return new JarRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
