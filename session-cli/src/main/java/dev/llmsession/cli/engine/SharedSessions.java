package dev.llmsession.cli.engine;

import dev.llmsession.LlmSessions;
import dev.llmsession.spi.TeamStore;
import java.util.function.Supplier;

/**
 * Libraries that outlive a run: the engine keeps one per world so each command finds the index, the memos and
 * the process reader warm, and the team database open (logged in, schema checked). A run never closes a shared
 * library or team store.
 */
public interface SharedSessions {
    /**
     * The library of the world {@code key} (equal keys, equal configuration and store), built with {@code build}
     * the first time.
     */
    LlmSessions get(Object key, Supplier<LlmSessions> build);

    /**
     * The team database of the settings {@code key} (equal keys, equal URL, login and password), opened with
     * {@code open} the first time and kept open; the store returned ignores {@code close()}.
     */
    TeamStore team(Object key, Supplier<TeamStore> open);

    /** When this run serves a subscribed monitor ({@code Wire.SUBSCRIBE}): where its refreshes go. */
    default java.util.Optional<MonitorFeed> monitorFeed() {
        return java.util.Optional.empty();
    }
}
