package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.StoredContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ImportedContextsTest {
    @TempDir
    Path dir;

    private static StoredContext pack(String sha, String source, Instant importedAt, String file) {
        return new StoredContext(sha, source, "claude-code", Optional.of("/home/a/api"),
                Instant.parse("2026-02-12T21:00:00Z"), importedAt, file, "{\"format\":\"llm-session/context\"}");
    }

    @Test
    void recordContext_thenContexts_newestImportFirstAndFilteredBySource() {
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            store.contexts().record(pack("aa", "claude_1", Instant.parse("2026-02-13T10:00:00Z"), "/a.json"));
            store.contexts().record(pack("bb", "claude_2", Instant.parse("2026-02-13T11:00:00Z"), "/b.json"));

            assertThat(store.contexts().contexts(Optional.empty())).extracting(StoredContext::sha256).containsExactly("bb", "aa");
            assertThat(store.contexts().contexts(Optional.of("claude_1"))).singleElement()
                    .isEqualTo(pack("aa", "claude_1", Instant.parse("2026-02-13T10:00:00Z"), "/a.json"));
            assertThat(store.describe()).anyMatch(l -> l.contains("imported contexts: 2"));
        }
    }

    @Test
    void recordContext_samePackTwice_keepsOneRecordWithTheLatestImport() {
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            store.contexts().record(pack("aa", "claude_1", Instant.parse("2026-02-13T10:00:00Z"), "/a.json"));
            store.contexts().record(pack("aa", "claude_1", Instant.parse("2026-02-14T10:00:00Z"), "/copy.json"));

            assertThat(store.contexts().contexts(Optional.empty())).singleElement().satisfies(c -> {
                assertThat(c.importedAt()).isEqualTo(Instant.parse("2026-02-14T10:00:00Z"));
                assertThat(c.file()).isEqualTo("/copy.json");
            });
        }
    }

    @Test
    void contexts_survivesReopen() {
        TestSessions.store(dir).contexts().record(pack("aa", "claude_1", Instant.parse("2026-02-13T10:00:00Z"), "/a"));

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertThat(store.contexts().contexts(Optional.of("claude_1"))).hasSize(1);
        }
    }
}
