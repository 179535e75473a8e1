package dev.llmsession.cli.engine;

import dev.llmsession.LlmSessions;

/**
 * Which of an engine's resident libraries serves this run's world (its configuration, plugins and data directory),
 * built there the first time: what a command run by the engine uses, and what the engine's metrics endpoint reads,
 * so both share one library.
 */
@FunctionalInterface
public interface ResidentLibrary {
    /** This world's library among {@code shared}'s. */
    LlmSessions in(SharedSessions shared);
}
