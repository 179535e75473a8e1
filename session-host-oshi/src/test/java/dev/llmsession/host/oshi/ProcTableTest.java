package dev.llmsession.host.oshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.SystemInfo;

final class ProcTableTest {
    private static final Path PROC = Path.of("/proc");

    @Test
    void readsWhatOshiReadsForARealChildProcess(@TempDir Path cwd) throws Exception {
        assumeTrue(ProcTable.available(PROC), "Linux /proc only");
        Process child = new ProcessBuilder("sleep", "300").directory(cwd.toFile()).start();
        try {
            ProcessInfo ours = new ProcTable(PROC, Clock.systemUTC()).snapshot().find(child.pid()).orElseThrow();
            ProcessInfo oshi = OshiHostProbe.toProcessInfo(
                    new SystemInfo().getOperatingSystem().getProcess((int) child.pid())).orElseThrow();

            assertThat(ours.parentPid()).isEqualTo(ProcessHandle.current().pid()).isEqualTo(oshi.parentPid());
            assertThat(ours.name()).isEqualTo("sleep").isEqualTo(oshi.name());
            assertThat(ours.path()).isEqualTo(oshi.path());
            assertThat(ours.arguments()).containsExactly("sleep", "300").isEqualTo(oshi.arguments());
            assertThat(ours.cwd()).contains(cwd.toRealPath().toString()).isEqualTo(oshi.cwd());
            assertThat(Duration.between(ours.startedAt().orElseThrow(), oshi.startedAt().orElseThrow()).abs())
                    .isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(Duration.between(ours.startedAt().orElseThrow(),
                    child.info().startInstant().orElseThrow()).abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aNewProcessAppearsAndAnExitedOneIsGoneOnTheNextSnapshot() throws Exception {
        assumeTrue(ProcTable.available(PROC), "Linux /proc only");
        ProcTable table = new ProcTable(PROC, Clock.systemUTC());
        ProcessTable before = table.snapshot();
        Process child = new ProcessBuilder("sleep", "300").start();
        try {
            assertThat(before.find(child.pid())).isEmpty();
            assertThat(table.snapshot().find(child.pid())).map(ProcessInfo::name).contains("sleep");
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(table.snapshot().find(child.pid())).isEmpty();
        assertThat(table.snapshot().find(ProcessHandle.current().pid())).isPresent();
    }

    @Test
    void aReusedPidIsReadAgain(@TempDir Path fake) throws IOException {
        Files.writeString(Files.createDirectories(fake).resolve("stat"), "cpu 1 2 3\nbtime 1700000000\n");
        Files.writeString(fake.resolve("self"), "");
        Path pid = Files.createDirectories(fake.resolve("42"));
        Files.writeString(pid.resolve("stat"), stat("claude", 7));
        Files.write(pid.resolve("cmdline"), "claude\0--resume\0".getBytes());
        ProcTable table = new ProcTable(fake, Clock.systemUTC());
        assertThat(table.snapshot().find(42).orElseThrow().arguments()).containsExactly("claude", "--resume");

        Files.writeString(pid.resolve("stat"), stat("bash", 9));
        Files.write(pid.resolve("cmdline"), "bash\0".getBytes());
        ProcessInfo again = table.snapshot().find(42).orElseThrow();
        assertThat(again.name()).isEqualTo("bash");
        assertThat(again.arguments()).containsExactly("bash");
        assertThat(again.startedAt()).contains(java.time.Instant.ofEpochSecond(1700000000).plusMillis(90));
    }

    @Test
    void aZombieIsNotARunningProcess(@TempDir Path fake) throws IOException {
        Files.writeString(Files.createDirectories(fake).resolve("stat"), "btime 1700000000\n");
        Files.writeString(fake.resolve("self"), "");
        Path pid = Files.createDirectories(fake.resolve("42"));
        Files.writeString(pid.resolve("stat"), "42 (claude) Z 1 " + "0 ".repeat(17) + "7 0 0\n");
        assertThat(new ProcTable(fake, Clock.systemUTC()).snapshot().find(42)).isEmpty();
    }

    @Test
    void aNameWithSpacesAndParenthesesIsCutAtTheLastParenthesis() {
        assertThat(ProcTable.parseStat("7 (a) b (c)) S 1 " + "0 ".repeat(17) + "555 0 0"))
                .map(ProcTable.Stat::name).contains("a) b (c)");
        assertThat(ProcTable.parseStat("7 (a) b (c)) S 1 " + "0 ".repeat(17) + "555 0 0"))
                .map(ProcTable.Stat::startTicks).contains(555L);
        assertThat(ProcTable.parseStat("7 (trunc")).isEqualTo(Optional.empty());
        assertThat(ProcTable.parseStat("7 (x) S 1 2")).isEmpty();
    }

    @Test
    void fieldsFoundByTheirSpaces_equalSplittingTheLine() {
        java.util.Random random = new java.util.Random(13);
        String[] pieces = {"0", "1", "42", "S", "Z", "R", "", "-1", "x", "99999999999", " ", "\n"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder line = new StringBuilder("7 (n) ");
            int count = random.nextInt(26);
            for (int i = 0; i < count; i++) {
                line.append(pieces[random.nextInt(pieces.length)]).append(random.nextInt(8) == 0 ? "  " : " ");
            }
            assertThat(ProcTable.parseStat(line.toString())).as(line.toString()).isEqualTo(splitting(line.toString()));
        }
    }

    /** The parse by {@code String.split}, as it was. */
    private static Optional<ProcTable.Stat> splitting(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String[] fields = line.substring(close + 1).strip().split(" ");
        if (fields.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcTable.Stat(line.substring(open + 1, close), fields[0].equals("Z"),
                    Long.parseLong(fields[1]), Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String stat(String name, long startTicks) {
        return "42 (" + name + ") S 1 " + "0 ".repeat(17) + startTicks + " 0 0\n";
    }

}
