package dev.llmsession.discovery.claudecode.live;

import dev.llmsession.adapterkit.JsonFields;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Claude Code's live-process registry. Only {@code <pid>.json} files are opened; the
 * {@code <pid>.<hash>.key} files beside them hold a secret and are never read. Thread-safe.
 */
public final class ProcessRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRegistry.class);
    private static final Pattern ENTRY_NAME = Pattern.compile("\\d+\\.json");
    static final int MAX_ENTRY_BYTES = 256 * 1024;

    /** The entries under {@code <root>/sessions/}; unreadable or malformed ones are skipped. */
    public List<RegistryEntry> read(Path root) {
        Path dir = root.resolve("sessions");
        List<RegistryEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (ENTRY_NAME.matcher(file.getFileName().toString()).matches()) {
                    parse(file).ifPresent(entries::add);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", dir, e.toString());
        }
        return entries;
    }

    /** One entry, or empty when the file is unreadable, too large or lacks pid / sessionId. */
    public Optional<RegistryEntry> parse(Path file) {
        try {
            // a FIFO or device named <pid>.json must not block the listing: regular files only, bounded
            JsonFields n = JsonFields.read(file, MAX_ENTRY_BYTES).orElse(null);
            if (n == null || n.wholeNumber("pid").isEmpty() || n.string("sessionId").isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RegistryEntry(file, n.wholeNumber("pid").getAsLong(), n.string("sessionId").get(),
                    n.text("cwd"), epochMillis(n, "startedAt"), n.text("status"), n.text("waitingFor"),
                    epochMillis(n, "updatedAt"), n.text("kind")));
        } catch (IOException | RuntimeException e) {
            LOG.debug("skipping registry entry {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<Instant> epochMillis(JsonFields n, String field) {
        OptionalLong v = n.wholeNumber(field);
        return v.isPresent() ? Optional.of(Instant.ofEpochMilli(v.getAsLong())) : Optional.empty();
    }
}
