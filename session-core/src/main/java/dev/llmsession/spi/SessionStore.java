package dev.llmsession.spi;

import java.util.List;

/**
 * A store: one database (or memory) offering the role ports discovery and the use cases persist to, each with one
 * job — the per-file {@link #index() index}, the sessions' {@link #history() history} and samples, the usage
 * {@link #ledger() ledger}, the imported {@link #contexts() contexts} and the {@link #fileTokenCache() token cache}
 * — plus the few things that concern the database as a whole (diagnostics, notices, rebuilding, closing). The
 * assistants' files stay the source of truth; a store can always be rebuilt from them. Implementations are
 * thread-safe and safe to share between processes (a monitor and a {@code list} at once).
 *
 * @since 0.1
 */
public interface SessionStore extends AutoCloseable {

    /** A store in this process's memory only: every role, forgotten when the process exits. */
    static SessionStore inMemory() {
        return new InMemorySessionStore();
    }

    /** The per-file index discovery adapters resume from; usage rows are committed through it. */
    TranscriptIndex index();

    /** Sessions' latest states and samples. */
    SnapshotHistory history();

    /** The usage rows committed through {@link #index()}, summed for the reports. */
    UsageLedger ledger();

    /** Imported context packs. */
    ContextArchive contexts();

    /** File token counts, so a re-run of {@code tokens} over an unchanged tree opens no file. */
    FileTokenCache fileTokenCache();

    /** Forgets the per-file index and its usage rows, so the next refresh reads every file again. */
    void clearIndex();

    /**
     * One-line notices the user should see once, e.g. that a corrupt store was moved aside and rebuilt;
     * returned once, then forgotten.
     */
    default List<String> takeNotices() {
        return List.of();
    }

    /** Where the store lives and what it holds, one line each, for {@code doctor}. */
    List<String> describe();

    @Override
    void close();
}
