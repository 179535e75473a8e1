package dev.llmsession.host.oshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmsession.error.DiscoveryException;
import dev.llmsession.error.ErrorCode;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

final class OshiHostProbeTest {
    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    /** A JDK-proxy stand-in for an OSHI process: answers from {@code values}, fails on anything else. */
    private static OSProcess fakeProcess(Map<String, Object> values) {
        return (OSProcess) Proxy.newProxyInstance(OSProcess.class.getClassLoader(), new Class<?>[] {OSProcess.class},
                (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Object v = values.get(method.getName());
                    if (v instanceof RuntimeException e) {
                        throw e;
                    }
                    return v;
                });
    }

    private static Map<String, Object> claude() {
        return new java.util.HashMap<>(Map.of(
                "getState", OSProcess.State.SLEEPING,
                "getProcessID", 4242,
                "getParentProcessID", 100,
                "getName", "claude",
                "getPath", "/usr/local/bin/claude",
                "getArguments", List.of("claude", "--resume"),
                "getCurrentWorkingDirectory", "/home/u/work/spotter",
                "getStartTime", T.toEpochMilli()));
    }

    @Test
    void toProcessInfo_readableProcess_mapsEveryField() {
        ProcessInfo info = OshiHostProbe.toProcessInfo(fakeProcess(claude())).orElseThrow();

        assertThat(info).isEqualTo(new ProcessInfo(4242, 100, "claude", "/usr/local/bin/claude",
                List.of("claude", "--resume"), java.util.Optional.of("/home/u/work/spotter"),
                java.util.Optional.of(T)));
    }

    @Test
    void toProcessInfo_unreadableDetails_areEmptyNotFatal() {
        Map<String, Object> v = claude();
        v.put("getCurrentWorkingDirectory", "");
        v.put("getPath", "");
        v.put("getArguments", List.of());
        v.put("getStartTime", 0L);

        ProcessInfo info = OshiHostProbe.toProcessInfo(fakeProcess(v)).orElseThrow();

        assertThat(info.cwd()).isEmpty();
        assertThat(info.path()).isEmpty();
        assertThat(info.arguments()).isEmpty();
        assertThat(info.startedAt()).isEmpty();
    }

    @Test
    void toProcessInfo_vanishedProcess_isSkipped() {
        Map<String, Object> v = claude();
        v.put("getState", OSProcess.State.INVALID);

        assertThat(OshiHostProbe.toProcessInfo(fakeProcess(v))).isEmpty();
    }

    @Test
    void toProcessInfo_processThatFailsWhileRead_isSkipped() {
        Map<String, Object> v = claude();
        v.put("getArguments", new IllegalStateException("/proc/4242/cmdline: No such file"));

        assertThat(OshiHostProbe.toProcessInfo(fakeProcess(v))).isEmpty();
    }

    @Test
    void snapshot_mixedProcesses_keepsTheReadableOnes() {
        Map<String, Object> gone = claude();
        gone.put("getProcessID", 7);
        gone.put("getState", OSProcess.State.INVALID);
        Map<String, Object> other = claude();
        other.put("getProcessID", 8);
        other.put("getName", "node");

        ProcessTable table = OshiHostProbe.snapshot(T, List.of(fakeProcess(claude()), fakeProcess(gone),
                fakeProcess(other)));

        assertThat(table.takenAt()).isEqualTo(T);
        assertThat(table.processes()).containsOnlyKeys(4242L, 8L);
        assertThat(table.find(8).orElseThrow().name()).isEqualTo("node");
    }

    private static OperatingSystem failingOs(RuntimeException failure) {
        return (OperatingSystem) Proxy.newProxyInstance(OperatingSystem.class.getClassLoader(),
                new Class<?>[] {OperatingSystem.class}, (proxy, method, args) -> {
                    throw failure;
                });
    }

    @Test
    void processes_oshiThrows_isWrappedInADiscoveryExceptionWithTheCause() {
        IllegalStateException failure = new IllegalStateException("/proc not mounted");
        OshiHostProbe probe = new OshiHostProbe(Clock.fixed(T, ZoneOffset.UTC), () -> failingOs(failure));

        assertThatThrownBy(probe::processes)
                .isInstanceOfSatisfying(DiscoveryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO))
                .hasMessageContaining("/proc not mounted")
                .hasCause(failure);
    }

    @Test
    void processes_systemInfoCannotStart_isWrappedInADiscoveryException() {
        OshiHostProbe probe = new OshiHostProbe(Clock.fixed(T, ZoneOffset.UTC), () -> {
            throw new UnsupportedOperationException("Operating system not supported");
        });

        assertThatThrownBy(probe::processes).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("Operating system not supported");
    }

    @Test
    void processes_severalCalls_createTheOperatingSystemOnceAndOnlyWhenFirstNeeded() {
        AtomicInteger created = new AtomicInteger();
        OperatingSystem empty = (OperatingSystem) Proxy.newProxyInstance(OperatingSystem.class.getClassLoader(),
                new Class<?>[] {OperatingSystem.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProcesses") && method.getParameterCount() == 0) {
                        return List.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        OshiHostProbe probe = new OshiHostProbe(Clock.fixed(T, ZoneOffset.UTC), () -> {
            created.incrementAndGet();
            return empty;
        });

        assertThat(created).hasValue(0);
        probe.processes();
        probe.processes();

        assertThat(created).hasValue(1);
        assertThat(probe.processes().takenAt()).isEqualTo(T);
    }

    @Test
    void processes_realChildProcess_appearsWithNameCwdAndStartTimeAndIsGoneAfterItDies(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path sleep = Path.of("/bin/sleep");
        assumeTrue(Files.isExecutable(sleep), "needs /bin/sleep");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path claude = Files.copy(sleep, bin.resolve("claude"), StandardCopyOption.COPY_ATTRIBUTES);
        claude.toFile().setExecutable(true);
        Path work = Files.createDirectories(dir.resolve("work dir")).toRealPath();
        OshiHostProbe probe = new OshiHostProbe(Clock.systemUTC());

        Instant before = Instant.now();
        Process child = new ProcessBuilder(claude.toString(), "30").directory(work.toFile()).start();
        try {
            ProcessTable table = probe.processes();

            ProcessInfo info = table.find(child.pid()).orElseThrow(
                    () -> new AssertionError("pid " + child.pid() + " not in a table of " + table.processes().size()));
            assertThat(info.pid()).isEqualTo(child.pid());
            assertThat(info.name()).isEqualTo("claude");
            assertThat(info.parentPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(info.path()).endsWith("/claude");
            assertThat(info.arguments()).containsExactly(claude.toString(), "30");
            assertThat(info.cwd()).contains(work.toString());
            assertThat(info.startedAt()).hasValueSatisfying(at -> assertThat(at)
                    .isBetween(before.minus(Duration.ofSeconds(5)), Instant.now().plus(Duration.ofSeconds(5))));
            assertThat(table.takenAt()).isBetween(before, Instant.now());
            assertThat(table.find(ProcessHandle.current().pid())).isPresent();
        } finally {
            child.destroy();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(probe.processes().find(child.pid())).isEmpty();
    }
}
