package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export and import-context through the packaged jar, on a temp HOME holding the real sample session. */
final class ContextPackIT {
    private static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void exportGzipThenImport_primerWrittenOwnerOnly_historyLinksThePack() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path project = Files.createDirectories(home.resolve(".claude/projects/-work-spotter"));
        Files.copy(Path.of(System.getProperty("llmsession.fixtures")).resolve(SESSION + ".jsonl"),
                project.resolve(SESSION + ".jsonl"));
        Path pack = tmp.resolve("out/pack.json.gz");
        Path primer = tmp.resolve("out/primer.md");

        Result export = run(home, "export", "4d5611e5", "-o", pack.toString());
        Result imported = run(home, "import-context", pack.toString(), "--write", primer.toString());
        Result history = run(home, "history", "--json");
        Result hostile = run(home, "import-context", project.resolve(SESSION + ".jsonl").toString());

        assertThat(export.exit).as(export.err).isZero();
        assertThat(imported.exit).as(imported.err).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pack))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(primer))).isEqualTo("rw-------");
        assertThat(Files.readString(primer)).contains("> Work on bead spotter-dov",
                "This session is being continued from a previous conversation", "## Files touched");
        assertThat(imported.out).contains("claude \"$(cat '" + primer + "')\"");
        JsonNode session = JSON.readTree(history.out).get(0);
        assertThat(session.get("importedContexts")).singleElement()
                .satisfies(c -> assertThat(c.get("file").asText()).isEqualTo(pack.toString()));
        assertThat(hostile.exit).isEqualTo(3);
        assertThat(hostile.err.strip()).doesNotContain("\n").contains("is not JSON");
    }

    private Result run(Path home, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("llmsession.cli.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("llm-session finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {
    }
}
