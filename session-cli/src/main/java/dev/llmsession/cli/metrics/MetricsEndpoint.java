package dev.llmsession.cli.metrics;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenUsage;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An HTTP server answering {@code GET /metrics} with the live sessions that {@code sessions} returns at each scrape
 * (no cache: a scrape is a refresh). Figures, names and states only, like the team database: no title, no path.
 * Unknown figures are left out, never written as 0. Close it to stop serving.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer server;

    /** One live session with its health, as a scrape sees it. */
    public record Live(Session session, HealthReport health) {
        public Live {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(health, "health");
        }
    }

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /** Serves on {@code address} (port 0 picks a free one). */
    public static MetricsEndpoint start(InetSocketAddress address, Supplier<List<Live>> sessions) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new SessionCollector(sessions));
        try {
            return new MetricsEndpoint(HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                    .registry(registry).buildAndStart());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    /** The live sessions of {@code sessions} with their health, read again at each call (a scrape is a refresh). */
    public static Supplier<List<Live>> liveSessions(LlmSessions sessions) {
        return () -> sessions.catalog().list(SessionQuery.RUNNING).sessions().stream()
                .map(s -> new Live(s, sessions.health().assess(s))).toList();
    }

    /** {@code host:port}, IPv6 in brackets; the host is required, so listening everywhere is never an accident. */
    public static InetSocketAddress parse(String text) throws IOException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, e.g. 127.0.0.1:9464");
        }
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number: " + text.substring(colon + 1));
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Builds the gauges at each scrape. */
    private static final class SessionCollector implements MultiCollector {
        private final Supplier<List<Live>> sessions;

        SessionCollector(Supplier<List<Live>> sessions) {
            this.sessions = sessions;
        }

        @Override
        public MetricSnapshots collect() {
            List<Live> live = sessions.get();
            Map<List<String>, Integer> byState = new TreeMap<>((a, b) -> String.join("\u0000", a)
                    .compareTo(String.join("\u0000", b)));
            GaugeSnapshot.Builder context = GaugeSnapshot.builder().name("llm_session_context_ratio")
                    .help("Context-window fill of a live session (0 to 1)").unit(Unit.RATIO);
            GaugeSnapshot.Builder health = GaugeSnapshot.builder().name("llm_session_health_score")
                    .help("Health score of a live session (0 to 100)");
            GaugeSnapshot.Builder tokens = GaugeSnapshot.builder().name("llm_session_tokens")
                    .help("Tokens of a live session so far, by kind");
            GaugeSnapshot.Builder cost = GaugeSnapshot.builder().name("llm_session_cost_usd")
                    .help("Cost of a live session so far in USD (sessions with an unpriced model are left out)");
            for (Live l : live) {
                Session s = l.session();
                byState.merge(List.of(s.assistant(), s.activity().state().name()), 1, Integer::sum);
                Labels labels = Labels.of("id", s.id().value(), "assistant", s.assistant(), "project",
                        s.project().orElse(""), "model", s.model().orElse(""));
                if (s.context().tokens().isPresent() && s.context().window() > 0) {
                    context.dataPoint(point(labels, (double) s.context().tokens().getAsLong() / s.context().window()));
                }
                l.health().score().ifPresent(v -> health.dataPoint(point(labels, v)));
                if (s.tokens().known()) {
                    TokenUsage t = s.tokens().total();
                    tokens.dataPoint(point(labels.add("kind", "input"), t.input()));
                    tokens.dataPoint(point(labels.add("kind", "output"), t.output()));
                    tokens.dataPoint(point(labels.add("kind", "cache_write"), t.cacheWrite()));
                    tokens.dataPoint(point(labels.add("kind", "cache_read"), t.cacheRead()));
                }
                if (s.cost().usd().isPresent() && Double.isFinite(s.cost().usd().getAsDouble())
                        && s.cost().unpricedModels().isEmpty()) {
                    cost.dataPoint(point(labels, s.cost().usd().getAsDouble()));
                }
            }
            GaugeSnapshot.Builder states = GaugeSnapshot.builder().name("llm_session_sessions")
                    .help("Live sessions by assistant and state");
            byState.forEach((k, n) -> states.dataPoint(point(Labels.of("assistant", k.get(0), "state", k.get(1)), n)));
            return MetricSnapshots.of(states.build(), context.build(), health.build(), tokens.build(), cost.build());
        }

        private static GaugeDataPointSnapshot point(Labels labels, double value) {
            return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
        }
    }
}
