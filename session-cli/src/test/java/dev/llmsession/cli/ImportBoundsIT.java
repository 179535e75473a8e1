package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import-context on packs built to exhaust memory, run as the packaged jar on a small heap: a 48 MiB file of tiny
 * values and a small gzip that inflates to one are refused with exit 3 and one line, not an OutOfMemoryError.
 */
final class ImportBoundsIT {
    /** Smaller than the launcher's 512m: if the bound held only at 512m it would not hold here. */
    private static final List<String> SMALL_HEAP = List.of("-Xmx96m", "-XX:+UseSerialGC");

    @TempDir
    Path tmp;

    private static void tinyValues(OutputStream out, long bytes) throws IOException {
        out.write("{\"format\":\"llm-session/context-pack\",\"version\":1,\"messages\":[".getBytes(StandardCharsets.UTF_8));
        byte[] chunk = "0,".repeat(32 * 1024).getBytes(StandardCharsets.UTF_8);
        for (long written = 0; written < bytes; written += chunk.length) {
            out.write(chunk);
        }
        out.write("0]}".getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(Path pack) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        JarRun r = JarRun.run(SMALL_HEAP, home, tmp, 120, "import-context", pack.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("llm-session: ")
                .contains("more than 1,000,000 JSON values");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void fileOf48MiBTinyValues_exit3() throws Exception {
        Path pack = tmp.resolve("tiny.json");
        try (OutputStream out = Files.newOutputStream(pack)) {
            tinyValues(out, 48L << 20);
        }
        assertRefused(pack);
    }

    @Test
    void smallGzipOfTinyValues_exit3() throws Exception {
        Path pack = tmp.resolve("bomb.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(pack))) {
            tinyValues(out, 48L << 20);
        }
        assertThat(Files.size(pack)).isLessThan(1L << 20);
        assertRefused(pack);
    }
}
