package dev.llmsession.cli.engine;

import dev.llmsession.LlmSessions;
import java.util.function.Supplier;

/**
 * Libraries that outlive a run: the engine keeps one per world so each command finds the index, the memos and
 * the process reader warm. A run never closes a shared library.
 */
public interface SharedSessions {
    /**
     * The library of the world {@code key} (equal keys, equal configuration and store), built with {@code build}
     * the first time.
     */
    LlmSessions get(Object key, Supplier<LlmSessions> build);
}
