package dev.llmsession.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link Diagnostics#diagnose} run.
 *
 * @param warnings     the refresh's warnings
 * @param discoveries  each active discovery adapter's diagnostic lines, by provider id in priority order (one
 *                     "diagnostics failed: …" line when the adapter could not say)
 * @param providers    every provider considered, after the refresh (an adapter whose refresh failed carries why)
 * @param store        where the store lives and what it holds, one line each (one "unreadable: …" line when it
 *                     cannot say); empty when no store is in use
 * @param indexRebuilt whether a store's index was forgotten before the refresh
 * @since 0.1
 */
public record DiagnosticsReport(List<String> warnings, Map<String, List<String>> discoveries,
        List<ProviderStatus> providers, Optional<List<String>> store, boolean indexRebuilt) {
    public DiagnosticsReport {
        warnings = List.copyOf(warnings);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        discoveries.forEach((id, lines) -> copy.put(id, List.copyOf(lines)));
        discoveries = java.util.Collections.unmodifiableMap(copy);
        providers = List.copyOf(providers);
        store = store.map(List::copyOf);
    }
}
