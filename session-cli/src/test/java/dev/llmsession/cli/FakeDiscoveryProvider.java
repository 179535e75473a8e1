package dev.llmsession.cli;

import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A discovery adapter serving fixed sessions; registered explicitly, never through a services file. */
final class FakeDiscoveryProvider implements SessionDiscoveryProvider {
    private final String id;
    private final String prefix;
    private final Supplier<List<Session>> sessions;
    private final List<String> diagnostics;
    private final RuntimeException createFailure;
    final AtomicReference<ProviderContext> seen = new AtomicReference<>();

    FakeDiscoveryProvider(String id, String prefix, Supplier<List<Session>> sessions, List<String> diagnostics,
            RuntimeException createFailure) {
        this.id = id;
        this.prefix = prefix;
        this.sessions = sessions;
        this.diagnostics = diagnostics;
        this.createFailure = createFailure;
    }

    static FakeDiscoveryProvider claude(List<Session> sessions) {
        return new FakeDiscoveryProvider("claude-code", "claude", () -> sessions,
                List.of("looked in ~/.claude/projects: 4 transcripts", "process registry: ~/.claude/sessions (2 files)"),
                null);
    }

    /** An adapter whose every refresh fails. */
    static FakeDiscoveryProvider failingDiscover(String id, String message) {
        return new FakeDiscoveryProvider(id, id, () -> {
            throw new IllegalStateException(message);
        }, List.of(), null);
    }

    /** An adapter whose refresh dies of a broken class path: an unexpected error nothing can recover from. */
    static FakeDiscoveryProvider brokenClassPath(String missingClass) {
        return new FakeDiscoveryProvider("claude-code", "claude", () -> {
            throw new NoClassDefFoundError(missingClass);
        }, List.of(), null);
    }

    /** An adapter that cannot even be created. */
    static FakeDiscoveryProvider failingCreate(String message) {
        return new FakeDiscoveryProvider("claude-code", "claude", List::of, List.of(),
                new IllegalStateException(message));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String idPrefix() {
        return prefix;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        seen.set(context);
        if (createFailure != null) {
            throw createFailure;
        }
        return new SessionDiscovery() {
            @Override
            public List<Session> discover(Request request) {
                return sessions.get().stream().filter(s -> request.includeEnded() || s.running()).toList();
            }

            @Override
            public List<String> diagnostics() {
                return diagnostics;
            }
        };
    }
}
