package dev.llmsession.spi;

import dev.llmsession.model.Session;
import java.time.Instant;
import java.util.List;

/**
 * Persists what discovery saw, so history and trends survive the assistants' own clean-ups.
 * The assistants' files stay the source of truth; a store can always be rebuilt from them.
 * Implementations are thread-safe and safe to share between processes.
 *
 * @since 0.1
 */
public interface SessionStore extends AutoCloseable {
    /** Records the latest state of {@code sessions}, seen at {@code at}. */
    void record(List<Session> sessions, Instant at);

    /** Sessions seen with activity at or after {@code since}, newest first. */
    List<Session> history(Instant since);

    @Override
    void close();
}
