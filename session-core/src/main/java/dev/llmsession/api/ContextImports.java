package dev.llmsession.api;

import dev.llmsession.model.StoredContext;

/**
 * Remembers imported context packs, so {@link SessionHistory} links each to the session it came from. Thread-safe.
 *
 * @since 0.1
 */
public interface ContextImports {

    /**
     * Records an imported pack (importing one pack twice keeps one record); false when no store is in use, so the
     * import is not remembered.
     */
    boolean record(StoredContext context);
}
