package dev.llmsession.storage.sqlite;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which sessions' usage rows this store's connection has rewritten since the ledger last asked: a file's rows are
 * replaced whole on every append, so only the sessions they belong to need summing again; and which session rows it
 * recorded, whose project the ledger then looks up again. Other connections' writes are told apart by
 * {@code PRAGMA data_version}, not here. Thread-safe.
 */
final class UsageChanges {
    /** One session of one adapter. */
    record Touched(String adapter, String sessionId) {
    }

    private Set<Touched> touched = new HashSet<>();
    private boolean everything;
    private Set<String> recorded = new HashSet<>();

    synchronized void touched(String adapter, Collection<String> sessionIds) {
        for (String id : sessionIds) {
            touched.add(new Touched(adapter, id));
        }
    }

    /** The session rows (by id) that were written: their projects may have changed. */
    synchronized void recorded(Collection<String> sessionIds) {
        recorded.addAll(sessionIds);
    }

    /** The ids of the session rows written since the previous call. */
    synchronized Set<String> drainRecorded() {
        Set<String> out = recorded;
        recorded = new HashSet<>();
        return out;
    }

    /** Rows were changed in a way that names no sessions (the index cleared). */
    synchronized void everything() {
        everything = true;
    }

    /** The sessions touched since the previous call, or empty when everything must be summed again. */
    synchronized Optional<Set<Touched>> drain() {
        Set<Touched> out = touched;
        boolean all = everything;
        touched = new HashSet<>();
        everything = false;
        return all ? Optional.empty() : Optional.of(out);
    }
}
