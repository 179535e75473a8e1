package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.cli.metrics.MetricsEndpoint;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionHealth;
import dev.llmsession.model.Session;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The OpenMetrics endpoint on a loopback port, scraped over HTTP as Prometheus does. */
final class MetricsEndpointTest {
    private static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/openmetrics-text");
        return r.body();
    }

    @Test
    void servesLiveSessionsAsOpenMetricsAndRefreshesAtEachScrape() throws Exception {
        SessionHealth scorer = LlmSessions.builder().build().health();
        AtomicInteger scrapes = new AtomicInteger();
        List<Session> sessions = List.of(Fixtures.waiting(), Fixtures.unknown());
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), () -> {
            scrapes.incrementAndGet();
            return sessions.stream().map(s -> new MetricsEndpoint.Live(s, scorer.assess(s))).toList();
        })) {
            String body = scrape(endpoint.port());
            assertThat(body).contains("# TYPE llm_session_sessions gauge")
                    .contains("llm_session_sessions{assistant=\"claude-code\",state=\"WAITING_INPUT\"} 1")
                    .contains("llm_session_context_ratio{assistant=\"claude-code\",id=\"claude_" + Fixtures.S1 + "\"")
                    .contains("llm_session_health_score{")
                    .contains("kind=\"cache_read\"")
                    .endsWith("# EOF\n");
            // the session with unknown figures has a state but no token, context or cost line: never a 0
            String unknownId = Fixtures.unknown().id().value();
            assertThat(body.lines().filter(l -> l.contains(unknownId))).allMatch(l -> l.startsWith("llm_session_health"));
            scrape(endpoint.port());
            assertThat(scrapes.get()).isEqualTo(2);
        }
    }
}
