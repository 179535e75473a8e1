package dev.llmsession.cli.engine;

import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TeamSession;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TeamUsageSlice;
import dev.llmsession.spi.UsageFilter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's team database as a command sees it: every call goes to the kept store, and the command's
 * {@code close()} leaves it open for the next command (the engine closes it when it stops).
 */
final class KeptTeamStore implements TeamStore {
    private final TeamStore kept;

    KeptTeamStore(TeamStore kept) {
        this.kept = Objects.requireNonNull(kept, "kept");
    }

    @Override
    public void push(Batch batch) {
        kept.push(batch);
    }

    @Override
    public List<TeamSession> sessions(Query query) {
        return kept.sessions(query);
    }

    @Override
    public List<TeamSession> liveSessions(Instant recordedSince) {
        return kept.liveSessions(recordedSince);
    }

    @Override
    public List<SessionSample> samples(String machine, String sessionId, Instant since) {
        return kept.samples(machine, sessionId, since);
    }

    @Override
    public List<TeamUsageSlice> usage(UsageFilter filter, Optional<List<Instant>> days) {
        return kept.usage(filter, days);
    }

    @Override
    public Optional<Range> usageRange(UsageFilter filter) {
        return kept.usageRange(filter);
    }

    @Override
    public List<String> describe() {
        return kept.describe();
    }

    @Override
    public void close() {
        // the engine's: kept open for the next command
    }
}
