package dev.llmsession.discovery.claudecode.live;

import dev.llmsession.adapterkit.JsonFields;
import dev.llmsession.model.PlanLimits;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the status-line spool: the latest payload Claude Code gave llm-session's status-line command for each
 * session, one {@code <sessionId>.json} per session (written by that command with an atomic rename, so a reader
 * never sees half a file). Only regular files with a session-id name are opened, each bounded. Thread-safe.
 */
public final class StatusLineFeed {

    /** The provider setting naming the spool directory (the CLI sets it to its data directory's). */
    public static final String DIR_SETTING = "claude-code.statusline-dir";
    /** Larger windows than this are not a real model's: the figure is refused. */
    static final long MAX_WINDOW = 100_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(StatusLineFeed.class);
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,127}\\.json");
    private static final long MAX_BYTES = 1 << 20;
    private static final int MAX_FILES_FOR_LIMITS = 200;
    /** More payload files than this are not listed for a refresh: each session's file is then looked up alone. */
    private static final int MAX_NAMES = 100_000;

    private final Path dir;
    private volatile Cached cached;

    private record Cached(Instant stamp, Optional<PlanLimits> limits) {
    }

    /** @param dir the spool directory; null for none (nothing is ever found) */
    public StatusLineFeed(Path dir) {
        this.dir = dir;
    }

    /** The latest payload recorded for {@code sessionId}, or empty. */
    public Optional<StatusPayload> latest(String sessionId) {
        if (dir == null || !NAME.matcher(sessionId + ".json").matches()) {
            return Optional.empty();
        }
        return read(dir.resolve(sessionId + ".json"));
    }

    /**
     * The spool as it is now, for one refresh: the directory is listed once, so asking for the many sessions that
     * never had a payload costs no file-system call (each such question was a failing stat and an exception).
     */
    public Snapshot snapshot() {
        if (dir == null || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return new Snapshot(Set.of());
        }
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (NAME.matcher(name).matches()) {
                    if (names.size() == MAX_NAMES) {
                        return new Snapshot(null);
                    }
                    names.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list {}: {}", dir, e.toString());
            return new Snapshot(null);
        }
        return new Snapshot(names);
    }

    /** The spool's payloads as listed by {@link #snapshot()}. */
    public final class Snapshot {
        private final Set<String> names;

        /** @param names the payload files' names, or null when the listing failed or was too long (each is read) */
        private Snapshot(Set<String> names) {
            this.names = names;
        }

        /** The latest payload recorded for {@code sessionId}, or empty (also when its file came after the listing). */
        public Optional<StatusPayload> latest(String sessionId) {
            return names == null || names.contains(sessionId + ".json") ? StatusLineFeed.this.latest(sessionId)
                    : Optional.empty();
        }
    }

    /**
     * The newest plan limits any recorded payload carries (they are the account's, not one session's). Each
     * payload is renamed into the directory, which changes its modification time: while that stays the same, the
     * last answer is reused (a monitor asks at every frame).
     */
    public Optional<PlanLimits> newestLimits() {
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Instant stamp;
        try {
            stamp = Files.getLastModifiedTime(dir).toInstant();
        } catch (IOException e) {
            return Optional.empty();
        }
        Cached last = cached;
        if (last != null && last.stamp().equals(stamp)) {
            return last.limits();
        }
        Optional<PlanLimits> found = scanLimits();
        cached = new Cached(stamp, found);
        return found;
    }

    private Optional<PlanLimits> scanLimits() {
        Optional<PlanLimits> newest = Optional.empty();
        int seen = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!NAME.matcher(file.getFileName().toString()).matches() || ++seen > MAX_FILES_FOR_LIMITS) {
                    continue;
                }
                Optional<PlanLimits> p = read(file).flatMap(StatusPayload::limits);
                if (p.isPresent() && (newest.isEmpty() || p.get().observedAt().isAfter(newest.get().observedAt()))) {
                    newest = p;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list {}: {}", dir, e.toString());
        }
        return newest;
    }

    /** One spool file, or empty when it is not a regular file, too large, or not a payload. */
    public static Optional<StatusPayload> read(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || a.size() > MAX_BYTES) {
                return Optional.empty();
            }
            Instant seenAt = a.lastModifiedTime().toInstant();
            return JsonFields.read(file, (int) MAX_BYTES).flatMap(n -> parse(n, seenAt));
        } catch (IOException | RuntimeException e) {
            LOG.debug("skipping status-line payload {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** The payload in {@code n}, seen at {@code seenAt}; empty without a textual {@code session_id}. */
    static Optional<StatusPayload> parse(JsonFields n, Instant seenAt) {
        if (n.text("session_id").isEmpty()) {
            return Optional.empty();
        }
        OptionalLong window = count(n, "context_window.context_window_size");
        if (window.isPresent() && (window.getAsLong() <= 0 || window.getAsLong() > MAX_WINDOW)) {
            window = OptionalLong.empty();
        }
        OptionalLong context = OptionalLong.empty();
        OptionalLong in = count(n, "context_window.current_usage.input_tokens");
        OptionalLong write = count(n, "context_window.current_usage.cache_creation_input_tokens");
        OptionalLong read = count(n, "context_window.current_usage.cache_read_input_tokens");
        if (in.isPresent() && write.isPresent() && read.isPresent()) {
            context = OptionalLong.of(in.getAsLong() + write.getAsLong() + read.getAsLong());
        }
        return Optional.of(new StatusPayload(n.text("session_id").get(), window, context, n.text("model.id"),
                limits(n, seenAt), seenAt));
    }

    private static Optional<PlanLimits> limits(JsonFields n, Instant seenAt) {
        PlanLimits p = new PlanLimits(window(n, "rate_limits.five_hour."), window(n, "rate_limits.seven_day."),
                seenAt, "Claude Code status line");
        return p.empty() ? Optional.empty() : Optional.of(p);
    }

    private static Optional<PlanLimits.Window> window(JsonFields n, String prefix) {
        OptionalDouble used = n.number(prefix + "used_percentage");
        if (used.isEmpty() || !(used.getAsDouble() >= 0 && used.getAsDouble() <= 100)) {
            return Optional.empty();
        }
        OptionalLong resetSeconds = n.wholeNumber(prefix + "resets_at");
        Optional<Instant> resetsAt = Optional.empty();
        if (resetSeconds.isPresent() && resetSeconds.getAsLong() > 0 && resetSeconds.getAsLong() < 32_503_680_000L) {
            resetsAt = Optional.of(Instant.ofEpochSecond(resetSeconds.getAsLong()));
        } else if (n.string(prefix + "resets_at").isPresent()) {
            try {
                resetsAt = Optional.of(Instant.parse(n.string(prefix + "resets_at").get()));
            } catch (RuntimeException e) {
                // an unknown reset time stays unknown
            }
        }
        return Optional.of(new PlanLimits.Window(used.getAsDouble(), resetsAt));
    }

    private static OptionalLong count(JsonFields n, String path) {
        return n.integer(path).stream().filter(v -> v >= 0).findFirst();
    }
}
