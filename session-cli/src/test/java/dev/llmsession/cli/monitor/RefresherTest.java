package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A change on disk refreshes at once, not at the next interval; without one only the interval does. */
final class RefresherTest {
    private static final Duration LONG = Duration.ofMinutes(10);

    @Test
    void aChangeRefreshesBeforeTheInterval() throws Exception {
        BlockingQueue<Object> disk = new LinkedBlockingQueue<>();
        BlockingQueue<MonitorData> shown = new LinkedBlockingQueue<>();
        AtomicInteger fetches = new AtomicInteger();
        Refresher.Changes changes = timeout -> disk.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) != null;
        try (Refresher r = new Refresher(trend -> {
            fetches.incrementAndGet();
            return MonitorData.empty(Instant.EPOCH);
        }, Optional::empty, shown::add, e -> { }, LONG, changes)) {
            r.start(false);
            disk.add("a line was appended");
            assertThat(shown.poll(10, TimeUnit.SECONDS)).as("refreshed on the change").isNotNull();
            disk.add("another");
            assertThat(shown.poll(10, TimeUnit.SECONDS)).as("and on the next one, after the pace").isNotNull();
            assertThat(fetches.get()).isEqualTo(2);
        }
    }

    @Test
    void withoutChangesNothingRefreshesBeforeTheInterval() throws Exception {
        BlockingQueue<MonitorData> shown = new LinkedBlockingQueue<>();
        try (Refresher r = new Refresher(trend -> MonitorData.empty(Instant.EPOCH), Optional::empty, shown::add,
                e -> { }, LONG)) {
            r.start(false);
            r.refreshNow();
            assertThat(shown.poll(10, TimeUnit.SECONDS)).as("asked for").isNotNull();
            assertThat(shown.poll(300, TimeUnit.MILLISECONDS)).as("nothing else within the interval").isNull();
        }
    }
}
