package dev.llmsession.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.StoredContext;
import dev.llmsession.spi.ContextArchive;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link ContextArchive} does. Extend it and make a fresh, empty archive. */
public abstract class ContextArchiveContract {

    /** A fresh, empty archive. */
    protected abstract ContextArchive newArchive();

    private static StoredContext pack(String sha, String source, Instant importedAt, String file) {
        return new StoredContext(sha, source, "claude-code", Optional.of("/work/p"),
                Instant.parse("2026-02-12T09:00:00Z"), importedAt, file, "{\"sha\":\"" + sha + "\"}");
    }

    @Test
    void packsComeBackNewestImportFirstAndBySource() {
        ContextArchive archive = newArchive();
        archive.record(pack("aa", "claude_1", Instant.parse("2026-02-13T10:00:00Z"), "/a.json"));
        archive.record(pack("bb", "claude_2", Instant.parse("2026-02-13T11:00:00Z"), "/b.json"));
        assertThat(archive.contexts(Optional.empty())).extracting(StoredContext::sha256).containsExactly("bb", "aa");
        assertThat(archive.contexts(Optional.of("claude_1"))).singleElement()
                .satisfies(c -> {
                    assertThat(c.file()).isEqualTo("/a.json");
                    assertThat(c.cwd()).hasValue("/work/p");
                    assertThat(c.json()).isEqualTo("{\"sha\":\"aa\"}");
                });
        assertThat(archive.contexts(Optional.of("claude_9"))).isEmpty();
    }

    @Test
    void importingOnePackTwiceKeepsOneRecordWithTheLatestImport() {
        ContextArchive archive = newArchive();
        archive.record(pack("aa", "claude_1", Instant.parse("2026-02-13T10:00:00Z"), "/a.json"));
        archive.record(pack("aa", "claude_1", Instant.parse("2026-02-14T10:00:00Z"), "/copy.json"));
        assertThat(archive.contexts(Optional.empty())).singleElement().satisfies(c -> {
            assertThat(c.importedAt()).isEqualTo(Instant.parse("2026-02-14T10:00:00Z"));
            assertThat(c.file()).isEqualTo("/copy.json");
        });
    }
}
