package dev.llmsession.cli.engine;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.monitor.Refresher;
import java.time.Duration;
import java.util.Optional;

/** A subscribed monitor, as the {@code monitor} command running in the engine sees it: where its refreshes go. */
@FunctionalInterface
public interface MonitorFeed {
    /**
     * Sends the subscriber a refresh of {@code source} at once, then whenever a file under {@code watched}'s folders
     * changes or the subscriber asks (at most one per {@link PushPolicy#PACE}), and at least every {@code interval};
     * returns when the subscriber leaves or the engine stops.
     *
     * @param watched the library whose file events wake a refresh (one with native events), or empty: the interval
     *                alone (a team view)
     */
    void serve(Refresher.Source source, Duration interval, Optional<LlmSessions> watched);
}
