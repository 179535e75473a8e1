package dev.llmsession.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.cli.client.EngineAddress;
import dev.llmsession.cli.client.EngineClient;
import dev.llmsession.cli.client.Wire;
import dev.llmsession.cli.monitor.EngineFeed;
import dev.llmsession.cli.monitor.MonitorData;
import dev.llmsession.model.SessionId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine in this JVM whose command runner stands for the {@code monitor} command: it serves a source that
 * names the trend it was asked for, so the subscription's protocol is seen end to end (snapshots, the monitor's
 * requests, a command line that is not a monitor's, the engine stopping).
 */
final class MonitorFeedsTest {
    @TempDir
    Path root;

    private EngineAddress address;
    private Map<String, String> env;
    private CompletableFuture<Integer> engine;
    private final AtomicInteger fetches = new AtomicInteger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        env = Map.of("HOME", root.toString(), "LLM_SESSION_HOME", root.resolve("data").toString());
        address = EngineAddress.of(env, root, List.of());
        // One refresh per hour unless asked: every snapshot below is one the test asked for.
        CommandRunner runner = (request, shared, o, e) -> {
            shared.monitorFeed().orElseThrow().serve(trend -> {
                fetches.incrementAndGet();
                return new MonitorData(Instant.EPOCH, List.of(), Map.of(),
                        List.of("trend " + trend.map(SessionId::value).orElse("none")), Optional.empty());
            }, Duration.ofHours(1), Optional.empty());
            return 0;
        };
        engine = CompletableFuture.supplyAsync(() -> new Engine(address, runner, Duration.ofHours(1),
                new PrintWriter(new StringWriter())).run());
        dev.llmsession.testkit.Await.until(() -> "the engine to answer", Duration.ofSeconds(20),
                Duration.ofMillis(10), () -> Optional.ofNullable(EngineClient.call(address, Wire.PING, 1_000)));
    }

    @AfterEach
    void stop() throws Exception {
        EngineClient.call(address, Wire.STOP, 2_000);
        engine.get(20, TimeUnit.SECONDS);
    }

    private Optional<EngineFeed> subscribe(String... args) {
        return EngineFeed.open(address, env, root, args, new PrintWriter(out), new PrintWriter(err));
    }

    private static String warning(EngineFeed.Received r) {
        assertThat(r).isInstanceOf(EngineFeed.Received.Snapshot.class);
        return ((EngineFeed.Received.Snapshot) r).data().warnings().get(0);
    }

    @Test
    void theFirstSnapshotComesAtOnceAndAskingForATrendBringsOneWithIt() throws Exception {
        try (EngineFeed feed = subscribe("monitor", "--json").orElseThrow()) {
            assertThat(warning(feed.next())).isEqualTo("trend none");
            assertThat(feed.want(Optional.of(new SessionId("claude", "4d5611e5")))).isTrue();
            assertThat(warning(feed.next())).isEqualTo("trend claude_4d5611e5");
            assertThat(feed.want(Optional.empty())).isTrue();
            assertThat(warning(feed.next())).isEqualTo("trend none");
        }
        assertThat(fetches).hasValue(3);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anEngineThatStopsEndsTheFeedAsLostNotAsTheCommandsExit() {
        EngineFeed feed = subscribe("monitor").orElseThrow();
        assertThat(feed.next()).isInstanceOf(EngineFeed.Received.Snapshot.class);
        assertThat(EngineClient.call(address, Wire.STOP, 2_000)).isNotNull();
        assertThat(feed.next()).isEqualTo(new EngineFeed.Received.Lost("the engine stopped"));
        feed.close();
    }

    @Test
    void onlyAMonitorSubscribes() {
        assertThat(subscribe("list", "--json")).isEmpty();
        assertThat(subscribe("--verbose", "monitor")).isEmpty();
        assertThat(fetches).hasValue(0);
    }
}
