package dev.llmsession.spi;

import dev.llmsession.model.StoredContext;
import java.util.List;
import java.util.Optional;

/**
 * The context packs imported on this machine, so {@code history} can link each to the session it came from.
 * Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface ContextArchive {

    /** An archive in this process's memory only. */
    static ContextArchive inMemory() {
        return new InMemoryContextArchive();
    }

    /** Records an imported pack; a pack with the same checksum is replaced (importing twice keeps one record). */
    void record(StoredContext context);

    /** Imported packs, newest import first (then by checksum); only those exported from {@code sourceId} when given. */
    List<StoredContext> contexts(Optional<String> sourceId);
}
