package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.RegularFiles;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 3: a FIFO or a link to {@code /dev/zero} named like a transcript, or a FIFO named like a registry
 * entry, must not hang anything; real FIFOs, every assertion bounded in time.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
final class HostileFilesTest {

    private static final Instant NOW = Instant.parse("2026-02-12T21:05:00Z");
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.isRegularFile(path)).isFalse();
    }

    @Test
    void fifoAndDevZeroNamedLikeTranscripts_andAFifoRegistryEntry_areSkipped_theRealSessionListed() throws Exception {
        Path claude = home.resolve(".claude");
        Path project = Files.createDirectories(claude.resolve("projects/-home-a-api"));
        Files.createDirectories(claude.resolve("sessions"));
        Files.writeString(project.resolve("real.jsonl"), SessionAssemblerTest.assistant("m1", "r1", 5, false,
                "claude-opus-4-6", "2026-02-12T16:00:00Z"));
        mkfifo(project.resolve("11111111-1111-4111-8111-111111111111.jsonl"));
        Files.createSymbolicLink(project.resolve("22222222-2222-4222-8222-222222222222.jsonl"), Path.of("/dev/zero"));
        Path session = Files.createDirectories(project.resolve("real").resolve("subagents"));
        mkfifo(session.resolve("agent-fifo.jsonl"));
        Files.createSymbolicLink(session.resolve("agent-zero.jsonl"), Path.of("/dev/zero"));
        mkfifo(project.resolve("agent-flat.jsonl"));
        mkfifo(claude.resolve("sessions/4242.json"));
        SessionDiscovery discovery = new ClaudeCodeDiscoveryProvider().create(
                new ProviderContext(home, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC), Map.of()));
        ProcessInfo claudeProcess = new ProcessInfo(4242, 1, "claude", "/usr/bin/claude", List.of("claude"),
                Optional.of("/home/a/api"), Optional.of(NOW.minusSeconds(60)));

        List<Session> all = assertTimeoutPreemptively(BOUND, () -> discovery.discover(request(true)));
        List<Session> running = assertTimeoutPreemptively(BOUND, () -> discovery.discover(request(false,
                claudeProcess)));
        Optional<?> context = assertTimeoutPreemptively(BOUND, () -> discovery.readContext(all.get(0),
                dev.llmsession.model.ContextRequest.DEFAULT));

        assertThat(all).extracting(s -> s.id().nativeId()).containsExactly("real");
        assertThat(all.get(0).tokens().total().apiCalls()).isEqualTo(1);
        assertThat(running).extracting(s -> s.id().nativeId()).doesNotContain("11111111-1111-4111-8111-111111111111");
        assertThat(context).isPresent();
    }

    @Test
    void regularFiles_refuseFifosAndDevices_andBoundWholeReads() throws Exception {
        Path fifo = home.resolve("f.json");
        mkfifo(fifo);
        Path zero = Files.createSymbolicLink(home.resolve("z.json"), Path.of("/dev/zero"));
        Path big = Files.write(home.resolve("big.json"), new byte[1000]);
        Path link = Files.createSymbolicLink(home.resolve("link.json"), big);

        assertTimeoutPreemptively(BOUND, () -> {
            assertThatThrownBy(() -> RegularFiles.open(fifo)).isInstanceOf(FileSystemException.class);
            assertThatThrownBy(() -> RegularFiles.readAll(zero, 100)).isInstanceOf(FileSystemException.class);
            assertThatThrownBy(() -> RegularFiles.readAll(big, 999)).isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("larger than 999");
        });
        assertThat(RegularFiles.readAll(link, 1000)).hasSize(1000);
        assertThat(RegularFiles.isRegular(fifo)).isFalse();
        assertThat(RegularFiles.isRegular(zero)).isFalse();
        assertThat(RegularFiles.isRegular(link)).isTrue();
    }

    private static SessionDiscovery.Request request(boolean includeEnded, ProcessInfo... processes) {
        return new SessionDiscovery.Request(ProcessTable.of(NOW, List.of(processes)), NOW, includeEnded,
                Optional.empty(), TranscriptIndex.inMemory(), IndexProgress.NONE, TokenEstimator.charsPerToken());
    }
}
