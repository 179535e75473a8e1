package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

        JarRun export = run(home, "export", "4d5611e5", "-o", pack.toString());
        JarRun imported = run(home, "import-context", pack.toString(), "--write", primer.toString());
        JarRun history = run(home, "history", "--json");
        JarRun hostile = run(home, "import-context", project.resolve(SESSION + ".jsonl").toString());

        assertThat(export.code()).as(export.err()).isZero();
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pack))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(primer))).isEqualTo("rw-------");
        assertThat(Files.readString(primer)).contains("> Work on bead spotter-dov",
                "This session is being continued from a previous conversation", "## Files touched");
        assertThat(imported.out()).contains("claude \"$(cat '" + primer + "')\"");
        JsonNode session = JSON.readTree(history.out()).get(0);
        assertThat(session.get("importedContexts")).singleElement()
                .satisfies(c -> assertThat(c.get("file").asText()).isEqualTo(pack.toString()));
        assertThat(hostile.code()).isEqualTo(3);
        assertThat(hostile.err().strip()).doesNotContain("\n").contains("is not JSON");
    }

    private JarRun run(Path home, String... args) throws IOException, InterruptedException {
        return JarRun.run(home, tmp, 120, args);
    }
}
