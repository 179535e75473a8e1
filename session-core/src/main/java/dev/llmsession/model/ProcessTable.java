package dev.llmsession.model;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A snapshot of the host's processes, taken once per refresh and handed to every discovery adapter.
 *
 * @param takenAt   when the snapshot was taken
 * @param processes the processes
 * @since 0.1
 */
public record ProcessTable(Instant takenAt, Map<Long, ProcessInfo> processes) {
    public ProcessTable {
        Objects.requireNonNull(takenAt, "takenAt");
        processes = Map.copyOf(processes);
    }

    public static ProcessTable of(Instant takenAt, Collection<ProcessInfo> processes) {
        return new ProcessTable(takenAt, processes.stream()
                .collect(Collectors.toMap(ProcessInfo::pid, Function.identity(), (a, b) -> a)));
    }

    /** An empty table (no process probe available). */
    public static ProcessTable empty(Instant takenAt) {
        return new ProcessTable(takenAt, Map.of());
    }

    public Optional<ProcessInfo> find(long pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    public List<ProcessInfo> all() {
        return List.copyOf(processes.values());
    }
}
