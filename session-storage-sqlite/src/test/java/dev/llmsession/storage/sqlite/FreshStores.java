package dev.llmsession.storage.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Opens a SQLite store in a fresh temporary directory per call; closes and deletes them after each test. */
final class FreshStores implements AfterEachCallback {
    private final List<SqliteSessionStore> open = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    SqliteSessionStore open() {
        try {
            Path dir = Files.createTempDirectory("llm-session-store-");
            dirs.add(dir);
            SqliteSessionStore store = TestSessions.store(dir);
            open.add(store);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        open.forEach(SqliteSessionStore::close);
        open.clear();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        dirs.clear();
    }
}
