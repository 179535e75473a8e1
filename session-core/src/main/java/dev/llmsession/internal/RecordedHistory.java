package dev.llmsession.internal;

import dev.llmsession.api.HistoryQuery;
import dev.llmsession.api.HistoryReport;
import dev.llmsession.api.SessionCatalog;
import dev.llmsession.api.SessionHistory;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.model.Session;
import dev.llmsession.model.StoredContext;
import dev.llmsession.spi.ContextArchive;
import dev.llmsession.spi.SnapshotHistory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The history use case: a full refresh, then the store's recorded sessions and the packs imported from them. */
public final class RecordedHistory implements SessionHistory {
    private final SessionCatalog catalog;
    private final SnapshotHistory history;
    private final ContextArchive contexts;

    public RecordedHistory(SessionCatalog catalog, SnapshotHistory history, ContextArchive contexts) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.history = Objects.requireNonNull(history, "history");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    @Override
    public HistoryReport history(HistoryQuery query) {
        SessionListing refresh = catalog.list(SessionQuery.ALL);
        List<Session> sessions = history.sessions(new SnapshotHistory.Query(query.since(), query.project(),
                query.assistant()));
        List<StoredContext> packs = contexts.contexts(Optional.empty()).stream()
                .filter(c -> query.since().isEmpty() || !c.importedAt().isBefore(query.since().get()))
                .filter(c -> query.assistant().isEmpty() || query.assistant().get().equals(c.assistant()))
                .filter(c -> query.project().isEmpty() || c.cwd().map(RecordedHistory::lastElement)
                        .equals(query.project()))
                .toList();
        return new HistoryReport(sessions, packs, refresh.warnings());
    }

    /** The last element of a working directory, as a session's project. */
    private static String lastElement(String cwd) {
        String trimmed = cwd.replaceAll("[/\\\\]+$", "");
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
    }
}
