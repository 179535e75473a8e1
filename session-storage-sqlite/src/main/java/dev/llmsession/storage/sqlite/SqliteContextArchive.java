package dev.llmsession.storage.sqlite;

import dev.llmsession.model.StoredContext;
import dev.llmsession.spi.ContextArchive;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Imported context packs (table {@code imported_context}), one row per checksum. Thread-safe. */
final class SqliteContextArchive implements ContextArchive {
    private final SqliteDatabase db;

    SqliteContextArchive(SqliteDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void record(StoredContext context) {
        Objects.requireNonNull(context, "context");
        db.write(h -> h.createUpdate("INSERT INTO imported_context (sha256, source_id, assistant, cwd, exported_at, "
                + "imported_at, file, pack) VALUES (:sha, :src, :a, :cwd, :ex, :im, :file, :pack) "
                + "ON CONFLICT (sha256) DO UPDATE SET imported_at = excluded.imported_at, file = excluded.file")
                .bind("sha", context.sha256()).bind("src", context.sourceId()).bind("a", context.assistant())
                .bind("cwd", context.cwd().orElse(null)).bind("ex", context.exportedAt().toEpochMilli())
                .bind("im", context.importedAt().toEpochMilli()).bind("file", context.file())
                .bind("pack", context.json()).execute());
    }

    @Override
    public List<StoredContext> contexts(Optional<String> sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        return db.read(h -> h.createQuery("SELECT * FROM imported_context WHERE (:src IS NULL OR source_id = :src) "
                + "ORDER BY imported_at DESC, sha256")
                .bind("src", sourceId.orElse(null))
                .map((rs, ctx) -> new StoredContext(rs.getString("sha256"), rs.getString("source_id"),
                        rs.getString("assistant"), Optional.ofNullable(rs.getString("cwd")),
                        Instant.ofEpochMilli(rs.getLong("exported_at")), Instant.ofEpochMilli(rs.getLong("imported_at")),
                        rs.getString("file"), rs.getString("pack")))
                .list());
    }
}
