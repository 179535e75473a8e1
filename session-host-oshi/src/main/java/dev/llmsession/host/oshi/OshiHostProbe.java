package dev.llmsession.host.oshi;

import dev.llmsession.error.DiscoveryException;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.spi.HostProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.PlatformEnum;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads the process table: on Linux straight from {@code /proc} ({@link ProcTable}: no native library, and a
 * resident engine re-reads only new processes), elsewhere through OSHI: one
 * {@link OperatingSystem#getProcesses()} snapshot per call. The
 * {@link SystemInfo} is created on the first call and reused, as it is costly. A process that vanishes while
 * it is read is skipped; an OSHI failure becomes a {@link DiscoveryException}. Thread-safe.
 */
final class OshiHostProbe implements HostProbe {
    private static final Logger LOG = LoggerFactory.getLogger(OshiHostProbe.class);
    private static final Path PROC = Path.of("/proc");

    private final Clock clock;
    private final Supplier<OperatingSystem> osFactory;
    private final Object lock = new Object();
    private volatile OperatingSystem os;
    /** Linux's own process table, read without OSHI (no native library to load); null elsewhere. */
    private final ProcTable procTable;

    OshiHostProbe(Clock clock) {
        this(clock, () -> new SystemInfo().getOperatingSystem(),
                ProcTable.available(PROC) ? new ProcTable(PROC, clock) : null);
    }

    /** For tests: {@code osFactory} is called at most once, on the first snapshot. */
    OshiHostProbe(Clock clock, Supplier<OperatingSystem> osFactory) {
        this(clock, osFactory, null);
    }

    private OshiHostProbe(Clock clock, Supplier<OperatingSystem> osFactory, ProcTable procTable) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.osFactory = Objects.requireNonNull(osFactory, "osFactory");
        this.procTable = procTable;
    }

    /** Why neither {@code /proc} nor OSHI can read processes here, or empty; cheap. */
    static Optional<String> unsupportedPlatform() {
        if (ProcTable.available(PROC)) {
            return Optional.empty(); // read directly: OSHI (and its native library) stays unloaded
        }
        try {
            PlatformEnum platform = SystemInfo.getCurrentPlatform();
            return platform == PlatformEnum.UNKNOWN
                    ? Optional.of("OSHI does not support this platform (" + System.getProperty("os.name") + ")")
                    : Optional.empty();
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("OSHI cannot be loaded: " + e);
        }
    }

    @Override
    public ProcessTable processes() {
        if (procTable != null) {
            try {
                return procTable.snapshot();
            } catch (IOException | RuntimeException e) {
                throw new DiscoveryException("cannot read the process table from /proc: " + e.getMessage(), e);
            }
        }
        Instant takenAt = clock.instant();
        List<OSProcess> raw;
        try {
            raw = operatingSystem().getProcesses();
        } catch (DiscoveryException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new DiscoveryException("cannot read the process table: " + e.getMessage(), e);
        }
        return snapshot(takenAt, raw);
    }

    private OperatingSystem operatingSystem() {
        OperatingSystem current = os;
        if (current == null) {
            synchronized (lock) {
                current = os;
                if (current == null) {
                    try {
                        current = Objects.requireNonNull(osFactory.get(), "operating system");
                    } catch (RuntimeException | LinkageError e) {
                        throw new DiscoveryException("cannot start OSHI to read the process table: "
                                + e.getMessage(), e);
                    }
                    os = current;
                }
            }
        }
        return current;
    }

    /** Maps a list of OSHI processes; those that vanished or cannot be read are left out. */
    static ProcessTable snapshot(Instant takenAt, List<OSProcess> raw) {
        List<ProcessInfo> out = new ArrayList<>(raw.size());
        int skipped = 0;
        for (OSProcess p : raw) {
            Optional<ProcessInfo> info = toProcessInfo(p);
            if (info.isPresent()) {
                out.add(info.get());
            } else {
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.debug("skipped {} processes that vanished or could not be read", skipped);
        }
        return ProcessTable.of(takenAt, out);
    }

    /** One process, or empty when it vanished while it was read or OSHI failed on it. */
    static Optional<ProcessInfo> toProcessInfo(OSProcess p) {
        try {
            if (p == null || p.getState() == OSProcess.State.INVALID) {
                return Optional.empty();
            }
            long pid = p.getProcessID();
            if (pid < 0) {
                return Optional.empty();
            }
            int parent = p.getParentProcessID();
            long start = p.getStartTime();
            List<String> arguments = p.getArguments();
            return Optional.of(new ProcessInfo(pid, parent >= 0 ? parent : -1,
                    text(p.getName()), text(p.getPath()),
                    arguments == null ? List.of() : arguments.stream().filter(Objects::nonNull).toList(),
                    Optional.ofNullable(p.getCurrentWorkingDirectory()).filter(s -> !s.isBlank()),
                    start > 0 ? Optional.of(Instant.ofEpochMilli(start)) : Optional.empty()));
        } catch (RuntimeException e) {
            LOG.debug("process could not be read", e);
            return Optional.empty();
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
