package dev.llmsession.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One process of the host, as read once per refresh.
 *
 * @param pid       process id
 * @param parentPid parent process id, or -1
 * @param name      executable name ({@code claude}, {@code node})
 * @param path      full executable path, or empty when unreadable
 * @param arguments command line arguments (the first is usually the program), empty when unreadable
 * @param cwd       working directory, or empty when unreadable
 * @param startedAt when the process started, or empty when unknown
 * @since 0.1
 */
public record ProcessInfo(long pid, long parentPid, String name, String path, List<String> arguments,
        Optional<String> cwd, Optional<Instant> startedAt) {
    public ProcessInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
