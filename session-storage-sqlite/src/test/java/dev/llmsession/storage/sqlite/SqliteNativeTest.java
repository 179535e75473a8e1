package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The native library goes under the given temp base, once per version, in a directory only we can write. */
@DisabledOnOs(OS.WINDOWS)
final class SqliteNativeTest {
    @TempDir
    Path tmp;

    @Test
    void unpacked_underTheTempBase_reusedByTheNextRun() throws Exception {
        Path first = SqliteNative.unpacked(tmp);
        FileTime written = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(first, written);

        Path second = SqliteNative.unpacked(tmp);

        assertThat(second).isEqualTo(first).startsWith(tmp);
        assertThat(Files.getLastModifiedTime(second)).as("not rewritten").isEqualTo(written);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(first.getParent())) {
            // no temp files, no .lck: the library and its stamp
            assertThat(files).containsExactlyInAnyOrder(first, first.resolveSibling(SqliteNative.stampName()));
            // one stamp per jar: another build's run does not make this one's stale
            assertThat(SqliteNative.stampName()).matches("checked-[0-9a-f]+");
        }
    }

    @Test
    void unpacked_stampedLibrary_notReadAgain_butAChangedOneIs() throws Exception {
        Path lib = SqliteNative.unpacked(tmp);
        byte[] real = Files.readAllBytes(lib);
        Path stamp = lib.resolveSibling(SqliteNative.stampName());
        Files.writeString(stamp, Files.readString(stamp));

        assertThat(SqliteNative.unpacked(tmp)).isEqualTo(lib);
        // same size, other bytes, other modification time: the stamp no longer speaks for it
        byte[] other = real.clone();
        other[other.length / 2] ^= 1;
        Files.write(lib, other);
        assertThat(Files.readAllBytes(SqliteNative.unpacked(tmp))).isEqualTo(real);
    }

    @Test
    void unpacked_changedFile_replaced() throws Exception {
        Path lib = SqliteNative.unpacked(tmp);
        long size = Files.size(lib);
        Files.writeString(lib, "not a library");

        assertThat(Files.size(SqliteNative.unpacked(tmp))).isEqualTo(size);
    }

    @Test
    void unpacked_directoryOpenToOthers_refused() throws IOException {
        Path ours = Files.createDirectory(tmp.resolve("llm-session-" + System.getProperty("user.name")));
        Files.setPosixFilePermissions(ours, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> SqliteNative.unpacked(tmp)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not ours alone");
    }
}
