package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout's {@code ./llm-session} launcher as a user installs it: started through a symlink in another
 * directory (as from {@code ~/bin}), and {@code install --prefix} putting it on a PATH with its completion. The
 * jar the build just packaged is newer than every source, so the launcher runs it without building.
 */
final class LauncherIT {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent().resolve("llm-session");
    private static final String SYSTEM_PATH = Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin";

    @TempDir
    Path tmp;

    @Test
    void launcher_throughASymlink_findsItsCheckout() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("llm-session"), LAUNCHER);

        Result r = run(tmp, bin.resolve("llm-session").toString(), "--version");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("llm-session ");
    }

    @Test
    void install_putsTheLauncherAndItsCompletionUnderThePrefix() throws Exception {
        Path prefix = tmp.resolve("prefix");

        Result r = run(tmp, LAUNCHER.toString(), "install", "--prefix", prefix.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readSymbolicLink(prefix.resolve("bin/llm-session"))).isEqualTo(LAUNCHER);
        assertThat(Files.readString(prefix.resolve("share/bash-completion/completions/llm-session")))
                .contains("complete -F", "config", "completion");
        assertThat(Files.readString(prefix.resolve("share/fish/vendor_completions.d/llm-session.fish")))
                .contains("complete -c llm-session");
        assertThat(r.out()).contains("is not on your PATH");
        Result installed = run(tmp, prefix.resolve("bin/llm-session").toString(), "config", "path");
        assertThat(installed.out().strip()).isEqualTo(tmp.resolve("home/.config/llm-session/config.yaml").toString());
    }

    @Test
    void aGuessedEngineThatIsNotThere_costsASecondJvmNotTheCommand() throws Exception {
        // A socket file of some engine makes the launcher start the relaying client (interpreted only); this world
        // has no engine, so the client runs the command in a JVM started with the in-process options. Each JVM
        // started writes its own GC log (%p: its pid), so the two JVMs are counted.
        Path runtime = Files.createDirectories(tmp.resolve("run/llm-session"));
        Files.createFile(runtime.resolve("engine-0000000000000000.sock"));
        Path logs = Files.createDirectories(tmp.resolve("gc"));
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", tmp.resolve("run").toString(),
                "LLM_SESSION_JAVA_OPTS", "-Xlog:gc:file=" + logs.resolve("jvm-%p.log"));

        Result r = run(tmp, env, LAUNCHER.toString(), "config", "path");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(tmp.resolve("home/.config/llm-session/config.yaml").toString());
        try (java.util.stream.Stream<Path> started = Files.list(logs)) {
            assertThat(started).as("the relaying client and the JVM it started").hasSize(2);
        }
    }

    @Test
    void aJarCutShortByAnInterruptedBuild_isBuiltAgain_aWholeOneIsNot() throws Exception {
        // a checkout of the launcher alone, with a jar as a build cut short leaves it: newer than every source
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Path launcher = Files.copy(LAUNCHER, checkout.resolve("llm-session"));
        Path target = Files.createDirectories(checkout.resolve("session-cli/target"));
        Path jar = target.resolve("llm-session.jar");
        byte[] whole = zipOfOneEntry();
        Files.write(jar, java.util.Arrays.copyOf(whole, whole.length - 10));
        // Maven stands in as a script that notes each call and fails
        Path calls = tmp.resolve("mvn-calls");
        Path mvn = Files.createDirectories(tmp.resolve("stub")).resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho called >> '" + calls + "'\nexit 3\n");
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = Map.of("PATH", mvn.getParent() + ":" + SYSTEM_PATH);

        Result cut = run(tmp, env, launcher.toString(), "--version");

        assertThat(cut.code()).isEqualTo(1);
        assertThat(cut.err()).contains("llm-session: the build failed; its log is in");
        assertThat(Files.readAllLines(calls)).hasSize(1);

        // a whole jar (a zip's end record last) that this launcher did not build, as `mvn verify` leaves it
        Files.write(jar, whole);
        run(tmp, env, launcher.toString(), "--version");

        assertThat(Files.readAllLines(calls)).as("no second build").hasSize(1);
        assertThat(target.resolve("llm-session.jar.built")).exists();
    }

    private static byte[] zipOfOneEntry() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            zip.write("a".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(Path tmp, String... command) throws IOException, InterruptedException {
        return run(tmp, Map.of(), command);
    }

    private static Result run(Path tmp, Map<String, String> extraEnv, String... command)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("PATH", SYSTEM_PATH);
        // the launcher's first command would otherwise start an engine in the background that outlives the test
        env.put("CI", "1");
        env.putAll(extraEnv);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
