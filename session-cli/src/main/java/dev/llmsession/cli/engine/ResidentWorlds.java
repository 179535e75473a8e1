package dev.llmsession.cli.engine;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.RefreshStats;
import dev.llmsession.spi.TeamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's libraries, one per configuration seen, the most recent few kept. An evicted library (its
 * configuration changed) is closed only once nothing runs on it, so a command in flight keeps its store open.
 */
final class ResidentWorlds implements SharedSessions, AutoCloseable {
    /** Configurations kept warm: the current one and a few before it (an edit being tried back and forth). */
    private static final int KEEP = 3;

    private final Map<Object, LlmSessions> worlds = new LinkedHashMap<>(4, 0.75f, true);
    private final Map<LlmSessions, Integer> users = new java.util.IdentityHashMap<>();
    private final Map<LlmSessions, Boolean> evicted = new java.util.IdentityHashMap<>();
    private final ThreadLocal<LlmSessions> inUse = new ThreadLocal<>();
    private final Map<Object, TeamStore> teams = new LinkedHashMap<>(4, 0.75f, true);

    @Override
    public synchronized LlmSessions get(Object key, Supplier<LlmSessions> build) {
        LlmSessions sessions = worlds.get(key);
        if (sessions == null) {
            sessions = build.get();
            worlds.put(key, sessions);
            if (worlds.size() > KEEP) {
                Map.Entry<Object, LlmSessions> eldest = worlds.entrySet().iterator().next();
                worlds.remove(eldest.getKey());
                retire(eldest.getValue());
            }
        }
        if (inUse.get() != sessions) {
            users.merge(sessions, 1, Integer::sum);
            inUse.set(sessions);
        }
        return sessions;
    }

    /**
     * Opening the team database costs a TLS handshake, a SCRAM login and a schema check (about 250 ms); the store
     * keeps one connection and opens it again after a failure, so one kept store serves every command. A store
     * evicted by a changed configuration is closed; a command still using it would log in again, nothing worse.
     */
    @Override
    public TeamStore team(Object key, Supplier<TeamStore> open) {
        synchronized (teams) { // not the libraries' lock: a login to a slow server must not hold up local commands
            TeamStore store = teams.get(key);
            if (store == null) {
                store = open.get();
                teams.put(key, store);
                if (teams.size() > KEEP) {
                    Map.Entry<Object, TeamStore> eldest = teams.entrySet().iterator().next();
                    teams.remove(eldest.getKey());
                    eldest.getValue().close();
                }
            }
            return new KeptTeamStore(store);
        }
    }

    /** Ends the use the current thread's command made of a library. */
    synchronized void release() {
        LlmSessions sessions = inUse.get();
        inUse.remove();
        if (sessions == null) {
            return;
        }
        int left = users.merge(sessions, -1, Integer::sum);
        if (left <= 0) {
            users.remove(sessions);
            if (evicted.remove(sessions) != null) {
                sessions.close();
            }
        }
    }

    synchronized int size() {
        return worlds.size();
    }

    /** How each kept library keeps current, the most recently used first. */
    synchronized List<RefreshStats> stats() {
        List<RefreshStats> out = new ArrayList<>();
        worlds.values().forEach(w -> out.add(0, w.refreshStats()));
        return out;
    }

    private void retire(LlmSessions sessions) {
        if (users.getOrDefault(sessions, 0) > 0) {
            evicted.put(sessions, Boolean.TRUE);
        } else {
            sessions.close();
        }
    }

    @Override
    public synchronized void close() {
        worlds.values().forEach(LlmSessions::close);
        worlds.clear();
        synchronized (teams) {
            teams.values().forEach(TeamStore::close);
            teams.clear();
        }
    }
}
