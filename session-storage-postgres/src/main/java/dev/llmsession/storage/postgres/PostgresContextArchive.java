package dev.llmsession.storage.postgres;

import dev.llmsession.model.StoredContext;
import dev.llmsession.spi.ContextArchive;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One machine's imported context packs ({@code machine_context}), one row per checksum. Thread-safe. */
final class PostgresContextArchive implements ContextArchive {
    private final TeamDatabase db;
    private final String machine;

    PostgresContextArchive(TeamDatabase db, String machine) {
        this.db = Objects.requireNonNull(db, "db");
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    @Override
    public void record(StoredContext context) {
        Objects.requireNonNull(context, "context");
        db.write(h -> h.createUpdate("INSERT INTO machine_context (machine, sha256, source_id, assistant, cwd, "
                + "exported_at, imported_at, file, pack) VALUES (:machine, :sha, :src, :a, :cwd, :ex, :im, :file, "
                + ":pack) ON CONFLICT (machine, sha256) DO UPDATE SET imported_at = excluded.imported_at, "
                + "file = excluded.file")
                .bind("machine", machine).bind("sha", context.sha256()).bind("src", context.sourceId())
                .bind("a", context.assistant()).bind("cwd", context.cwd().orElse(null))
                .bind("ex", context.exportedAt().toEpochMilli()).bind("im", context.importedAt().toEpochMilli())
                .bind("file", context.file()).bind("pack", context.json()).execute());
    }

    @Override
    public List<StoredContext> contexts(Optional<String> sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        String sql = "SELECT * FROM machine_context WHERE machine = :machine"
                + (sourceId.isPresent() ? " AND source_id = :src" : "") + " ORDER BY imported_at DESC, sha256";
        return db.read(h -> {
            org.jdbi.v3.core.statement.Query q = h.createQuery(sql).bind("machine", machine);
            sourceId.ifPresent(s -> q.bind("src", s));
            return q.map((rs, ctx) -> new StoredContext(rs.getString("sha256"), rs.getString("source_id"),
                    rs.getString("assistant"), Optional.ofNullable(rs.getString("cwd")),
                    Instant.ofEpochMilli(rs.getLong("exported_at")), Instant.ofEpochMilli(rs.getLong("imported_at")),
                    rs.getString("file"), rs.getString("pack"))).list();
        });
    }
}
