package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The store's files are owner-only even in a data directory everyone can read, whatever the umask. */
@DisabledOnOs(OS.WINDOWS)
final class StoreFileModeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-13T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void open_inWorldReadableDirectory_dbWalAndShmAre0600() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));

        SqliteSessionStore store = SqliteSessionStore.open(data.resolve(SqliteStoreProvider.FILE_NAME), CLOCK);
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .contains("store.db", "store.db-wal", "store.db-shm");
            try (Stream<Path> again = Files.list(data)) {
                again.forEach(f -> assertThat(modeOf(f)).as(f.toString()).isEqualTo("rw-------"));
            }
        } finally {
            store.close();
        }
    }

    @Test
    void open_existingStoreReadableByAll_tightened() throws Exception {
        Path db = tmp.resolve(SqliteStoreProvider.FILE_NAME);
        SqliteSessionStore.open(db, CLOCK).close();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

        SqliteSessionStore.open(db, CLOCK).close();

        assertThat(modeOf(db)).isEqualTo("rw-------");
    }

    @Test
    void ensureDirectory_new_is0700() throws Exception {
        Path dir = tmp.resolve("a/new");

        SqliteStoreProvider.ensureDirectory(dir);

        assertThat(modeOf(dir)).isEqualTo("rwx------");
    }

    private static String modeOf(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
