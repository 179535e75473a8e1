package dev.llmsession.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.api.SessionCatalog;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.model.Session;
import dev.llmsession.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The open block lists the recently ended sessions at most once a minute, and only when the unfiled mark moved. */
final class IndexedUsageReportsTest {
    private static final Instant NOW = SessionFixture.NOW;
    private final AtomicLong mark = new AtomicLong();
    private final List<SessionQuery> listed = new ArrayList<>();

    private final MovingClock clock = new MovingClock(NOW);

    private final SessionCatalog catalog = new SessionCatalog() {
        @Override
        public SessionListing list(SessionQuery query) {
            listed.add(query);
            return new SessionListing(clock.now, List.of(), List.of(), Map.of());
        }

        @Override
        public Session resolve(String idOrPrefix) {
            throw new UnsupportedOperationException();
        }
    };

    private final IndexedUsageReports usage = new IndexedUsageReports(catalog,
            new UsageEngine(SessionStore.inMemory().ledger(), clock), clock, assistant -> mark.get());

    @Test
    void theEndedSessionsAreListedFirst_thenAfterAMinuteOnlyWhenTheMarkMoved() {
        usage.activeBlock(Optional.empty());
        assertThat(listed).singleElement().satisfies(q -> {
            assertThat(q.includeEnded()).isTrue();
            assertThat(q.since()).hasValue(NOW.minus(Duration.ofHours(10)));
        });

        clock.now = NOW.plusSeconds(61);
        usage.activeBlock(Optional.empty());
        assertThat(listed).as("nothing left out since").hasSize(1);

        mark.incrementAndGet();
        clock.now = NOW.plusSeconds(62);
        usage.activeBlock(Optional.empty());
        assertThat(listed).as("the mark moved: listed").hasSize(2);

        mark.incrementAndGet();
        clock.now = NOW.plusSeconds(90);
        usage.activeBlock(Optional.empty());
        assertThat(listed).as("not within a minute of the last listing").hasSize(2);
        clock.now = NOW.plusSeconds(123);
        usage.activeBlock(Optional.empty());
        assertThat(listed).hasSize(3);

        usage.activeBlock(Optional.of("codex"));
        assertThat(listed).as("each assistant filter on its own").hasSize(4);
        assertThat(listed.get(3).assistant()).hasValue("codex");
    }
}
