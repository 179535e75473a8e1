package dev.llmsession.api;

import dev.llmsession.model.Session;
import dev.llmsession.model.StoredContext;
import java.util.List;

/**
 * Sessions seen over time and the context packs imported from them.
 *
 * @param sessions recorded sessions, newest activity first, as last recorded
 * @param imported imported context packs, newest import first
 * @param warnings the refresh's warnings
 * @since 0.1
 */
public record HistoryReport(List<Session> sessions, List<StoredContext> imported, List<String> warnings) {
    public HistoryReport {
        sessions = List.copyOf(sessions);
        imported = List.copyOf(imported);
        warnings = List.copyOf(warnings);
    }
}
