package dev.llmsession.spi;

import dev.llmsession.model.StoredContext;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The {@link ContextArchive#inMemory()} archive: packs by checksum, guarded by this object's lock. */
final class InMemoryContextArchive implements ContextArchive {
    private final Map<String, StoredContext> bySha = new HashMap<>();

    @Override
    public synchronized void record(StoredContext context) {
        Objects.requireNonNull(context, "context");
        StoredContext old = bySha.get(context.sha256());
        // as the SQLite upsert: a re-import keeps the first record's pack and updates when and from where
        bySha.put(context.sha256(), old == null ? context : new StoredContext(old.sha256(), old.sourceId(),
                old.assistant(), old.cwd(), old.exportedAt(), context.importedAt(), context.file(), old.json()));
    }

    @Override
    public synchronized List<StoredContext> contexts(Optional<String> sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        return bySha.values().stream()
                .filter(c -> sourceId.map(c.sourceId()::equals).orElse(true))
                .sorted(Comparator.comparing(StoredContext::importedAt).reversed()
                        .thenComparing(StoredContext::sha256))
                .toList();
    }
}
