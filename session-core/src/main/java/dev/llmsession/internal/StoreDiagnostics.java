package dev.llmsession.internal;

import dev.llmsession.api.Diagnostics;
import dev.llmsession.api.DiagnosticsReport;
import dev.llmsession.api.ProviderStatus;
import dev.llmsession.api.SessionCatalog;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** The diagnostics use case: an optional index rebuild, a full refresh, then what each part says of itself. */
public final class StoreDiagnostics implements Diagnostics {
    private final SessionCatalog catalog;
    private final Map<String, SessionDiscovery> discoveries;
    private final Optional<SessionStore> store;
    private final Supplier<List<ProviderStatus>> providers;

    /**
     * @param discoveries the active adapters by provider id, in priority order
     * @param providers   every provider's status, asked after the refresh
     */
    public StoreDiagnostics(SessionCatalog catalog, Map<String, SessionDiscovery> discoveries,
            Optional<SessionStore> store, Supplier<List<ProviderStatus>> providers) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.discoveries = Objects.requireNonNull(discoveries, "discoveries");
        this.store = Objects.requireNonNull(store, "store");
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    @Override
    public DiagnosticsReport diagnose(boolean rebuildIndex) {
        boolean rebuilt = rebuildIndex && store.isPresent();
        if (rebuilt) {
            store.get().clearIndex();
            discoveries.values().forEach(SessionDiscovery::indexCleared);
        }
        List<String> warnings = catalog.list(SessionQuery.ALL).warnings();
        Optional<List<String>> storeLines = store.map(StoreDiagnostics::describe);
        Map<String, List<String>> lines = new LinkedHashMap<>();
        discoveries.forEach((id, discovery) -> lines.put(id, diagnostics(discovery)));
        return new DiagnosticsReport(warnings, lines, providers.get(), storeLines, rebuilt);
    }

    private static List<String> describe(SessionStore store) {
        try {
            return List.copyOf(store.describe());
        } catch (RuntimeException e) {
            return List.of("unreadable: " + firstLine(e.getMessage()));
        }
    }

    private static List<String> diagnostics(SessionDiscovery discovery) {
        try {
            return List.copyOf(discovery.diagnostics());
        } catch (RuntimeException e) {
            return List.of("diagnostics failed: " + firstLine(e.getMessage()));
        }
    }

    /** A failure's message on one line: its first line, stripped. */
    private static String firstLine(String message) {
        String s = String.valueOf(message).strip();
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }
}
