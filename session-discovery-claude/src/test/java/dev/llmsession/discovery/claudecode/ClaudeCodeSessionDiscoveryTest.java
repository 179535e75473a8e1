package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionKind;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.TreeHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClaudeCodeSessionDiscoveryTest {

    private static final Instant NOW = Instant.parse("2026-02-12T21:05:00Z");
    private static final String API_CWD = "/home/a/api";
    private static final String WEB_CWD = "/home/a/web.app";

    @TempDir
    Path home;

    private Path claude;

    @BeforeEach
    void layOutHome() throws IOException {
        claude = home.resolve(".claude");
        Files.createDirectories(claude.resolve("sessions"));
        Path api = Files.createDirectories(claude.resolve("projects/-home-a-api"));
        Path project = Fixtures.claudeProject();
        Files.copy(project.resolve("short.jsonl"), api.resolve("live-1.jsonl"));
        Files.copy(project.resolve(Fixtures.SESSION + ".jsonl"), api.resolve(Fixtures.SESSION + ".jsonl"));
        Path subagents = Files.createDirectories(api.resolve(Fixtures.SESSION).resolve("subagents"));
        for (String agent : List.of("agent-a2898e3.jsonl", "agent-acompact-e1f845.jsonl")) {
            Files.copy(project.resolve(Fixtures.SESSION).resolve("subagents").resolve(agent), subagents.resolve(agent));
        }
        Files.writeString(subagents.resolve("journal.jsonl"), SessionAssemblerTest.assistant("j", "j", 1, true,
                "claude-opus-4-6", "2026-02-12T16:00:00Z"));
        Path web = Files.createDirectories(claude.resolve("projects/-home-a-web-app"));
        Files.copy(project.resolve("short.jsonl"), web.resolve("old-web.jsonl"));
        Files.copy(project.resolve("short.jsonl"), web.resolve("new-web.jsonl"));
        Files.setLastModifiedTime(web.resolve("old-web.jsonl"), FileTime.from(NOW.minusSeconds(7200)));
        Files.setLastModifiedTime(web.resolve("new-web.jsonl"), FileTime.from(NOW.minusSeconds(60)));
        Files.setLastModifiedTime(api.resolve("live-1.jsonl"), FileTime.from(NOW.minusSeconds(5)));
        Files.setLastModifiedTime(api.resolve(Fixtures.SESSION + ".jsonl"), FileTime.from(NOW.minusSeconds(90)));
    }

    private SessionDiscovery discovery(Map<String, String> env) {
        return new ClaudeCodeDiscoveryProvider().create(
                new ProviderContext(home, env, Clock.fixed(NOW, java.time.ZoneOffset.UTC), Map.of()));
    }

    private void registry(long pid, String sessionId, String cwd, Instant startedAt, String status, String waitingFor)
            throws IOException {
        String waiting = waitingFor == null ? "" : ",\"waitingFor\":\"" + waitingFor + "\"";
        Files.writeString(claude.resolve("sessions/" + pid + ".json"), "{\"pid\":" + pid + ",\"sessionId\":\""
                + sessionId + "\",\"cwd\":\"" + cwd + "\",\"startedAt\":" + startedAt.toEpochMilli()
                + ",\"status\":\"" + status + "\"" + waiting + ",\"updatedAt\":" + NOW.toEpochMilli() + "}");
        Files.writeString(claude.resolve("sessions/" + pid + ".abc123.key"), "{\"peerToken\":\"SECRET\"}");
    }

    private static ProcessInfo process(long pid, String name, String cwd, Instant started, String... args) {
        return new ProcessInfo(pid, 1, name, "/usr/bin/" + name, List.of(args), Optional.of(cwd),
                Optional.of(started));
    }

    private static SessionDiscovery.Request request(boolean includeEnded, ProcessInfo... processes) {
        return new SessionDiscovery.Request(ProcessTable.of(NOW, List.of(processes)), NOW, includeEnded,
                Optional.empty(), TranscriptIndex.inMemory(), IndexProgress.NONE,
                TokenEstimator.charsPerToken());
    }

    private static Session find(List<Session> sessions, String nativeId) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(nativeId)).findFirst().orElseThrow();
    }

    @Test
    void discover_registryBusyAndProcessAlive_liveWorking() throws IOException {
        Instant started = NOW.minusSeconds(3600);
        registry(4242, "live-1", API_CWD, started, "busy", null);

        List<Session> sessions = discovery(Map.of()).discover(
                request(false, process(4242, "claude", API_CWD, started.plusSeconds(1), "claude")));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().value()).isEqualTo("claude_live-1");
            assertThat(s.assistant()).isEqualTo("claude-code");
            assertThat(s.pid()).hasValue(4242);
            assertThat(s.activity().state()).isEqualTo(ActivityState.WORKING);
            assertThat(s.activity().evidence()).contains("4242.json").contains("status=busy");
            assertThat(s.tokens().total()).isEqualTo(new TokenUsage(3, 13, 13_835, 11_515, 1));
            assertThat(s.context().tokens()).hasValue(25_353);
            assertThat(s.errors().tool()).isEqualTo(2);
            assertThat(s.errors().interrupts()).isEqualTo(1);
            assertThat(s.cost().usd().getAsDouble()).isCloseTo(0.1444, within(0.005));
            assertThat(s.cwd()).hasValue("/home/marco/projects/spotter");
            assertThat(s.gitBranch()).hasValue("master");
            assertThat(s.model()).hasValue("claude-opus-4-6");
            assertThat(s.title()).hasValue("mix phx.server doesnt seem to start");
        });
    }

    @Test
    void discover_aSessionWithNoValidCount_hasUnknownTokensAndAnUnknownCost_neverZero() throws IOException {
        Files.writeString(claude.resolve("projects/-home-a-api/bad.jsonl"), "not json at all\n"
                + SessionAssemblerTest.assistant("b", "b", 1, false, "claude-opus-4-6", "2026-02-12T16:00:00Z")
                        .replace("\"input_tokens\":", "\"input_tokens\":-5") + "\n");

        Session bad = find(discovery(Map.of()).discover(request(true)), "bad");

        assertThat(bad.tokens().known()).isFalse();
        assertThat(bad.cost().usd()).as("no price of unknown tokens").isEmpty();
        assertThat(bad.quality().invalidCounts()).isEqualTo(1);
    }

    @Test
    void discover_registryWaitingForApproval_waitingPermission() throws IOException {
        Instant started = NOW.minusSeconds(600);
        registry(4242, "live-1", API_CWD, started, "waiting", "approve Bash");

        List<Session> sessions = discovery(Map.of()).discover(
                request(false, process(4242, "claude", API_CWD, started)));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.activity().state()).isEqualTo(ActivityState.WAITING_PERMISSION);
            assertThat(s.activity().evidence()).contains("approve Bash");
        });
    }

    @Test
    void discover_registryKind_givesTheSessionsKind_unknownWhenAbsentOrUnheardOf() throws IOException {
        Instant started = NOW.minusSeconds(600);
        Path file = claude.resolve("sessions/4242.json");
        Map<String, Optional<SessionKind>> expected = new java.util.LinkedHashMap<>();
        expected.put(",\"kind\":\"bg\"", Optional.of(SessionKind.BACKGROUND));
        expected.put(",\"kind\":\"interactive\"", Optional.of(SessionKind.INTERACTIVE));
        expected.put(",\"kind\":\"\\u001b[31mweird\"", Optional.empty());
        expected.put("", Optional.empty());
        for (Map.Entry<String, Optional<SessionKind>> e : expected.entrySet()) {
            registry(4242, "live-1", API_CWD, started, "busy", null);
            String json = Files.readString(file);
            Files.writeString(file, json.substring(0, json.length() - 1) + e.getKey() + "}");

            List<Session> sessions = discovery(Map.of()).discover(
                    request(false, process(4242, "claude", API_CWD, started)));

            assertThat(sessions).singleElement().extracting(Session::kind).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void discover_staleRegistryEntry_sessionEnded() throws IOException {
        registry(999, "live-1", API_CWD, NOW.minusSeconds(600), "busy", null);
        SessionDiscovery discovery = discovery(Map.of());

        List<Session> sessions = discovery.discover(request(true));

        Session s = find(sessions, "live-1");
        assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED);
        assertThat(s.activity().evidence()).isEqualTo("no live claude process");
        assertThat(s.pid()).isEmpty();
        assertThat(s.running()).isFalse();
        assertThat(discovery.diagnostics()).anySatisfy(line -> assertThat(line).contains("1 stale"));
    }

    @Test
    void discover_recycledPid_notTrusted() throws IOException {
        registry(4242, "live-1", API_CWD, NOW.minusSeconds(3600), "busy", null);

        List<Session> sessions = discovery(Map.of()).discover(
                request(false, process(4242, "bash", API_CWD, NOW.minusSeconds(3600))));

        assertThat(sessions).isEmpty();
    }

    @Test
    void discover_claudeProcessWithoutRegistry_mapsCwdToNewestTranscripts() {
        List<Session> sessions = discovery(Map.of()).discover(request(false,
                process(5150, "claude", WEB_CWD, NOW.minusSeconds(300)),
                process(6160, "claude", WEB_CWD, NOW.minusSeconds(30)),
                process(7170, "node", WEB_CWD, NOW.minusSeconds(30), "node", "/usr/lib/node_modules/x/cli.js")));

        assertThat(sessions).extracting(s -> s.id().nativeId(), s -> s.pid().getAsLong())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("new-web", 6160L),
                        org.assertj.core.groups.Tuple.tuple("old-web", 5150L));
        assertThat(find(sessions, "new-web").activity().evidence()).contains("matched by cwd");
    }

    @Test
    void discover_includeEndedFalse_hidesEndedSessions() {
        List<Session> live = discovery(Map.of()).discover(request(false));
        List<Session> all = discovery(Map.of()).discover(request(true));

        assertThat(live).isEmpty();
        assertThat(all).extracting(s -> s.id().nativeId())
                .containsExactlyInAnyOrder("live-1", Fixtures.SESSION, "old-web", "new-web");
        assertThat(all).allSatisfy(s -> assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED));
    }

    @Test
    void discover_endedSince_filtersByActivity() {
        SessionDiscovery.Request since = new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true,
                Optional.of(NOW.minusSeconds(1800)), TranscriptIndex.inMemory(), IndexProgress.NONE,
                TokenEstimator.charsPerToken());

        List<Session> sessions = discovery(Map.of()).discover(since);

        assertThat(sessions).extracting(s -> s.id().nativeId())
                .doesNotContain("old-web")
                .doesNotContain("live-1");
    }

    @Test
    void discover_sampleSessionWithSubagents_reproducesReadmeFigures() {
        Session s = find(discovery(Map.of()).discover(request(true)), Fixtures.SESSION);

        assertThat(s.tokens().total()).isEqualTo(new TokenUsage(233, 28_899, 559_475, 12_387_553, 152));
        assertThat(s.tokens().subagents().apiCalls()).isEqualTo(13);
        assertThat(s.context().tokens()).hasValue(106_060);
        assertThat(s.context().window()).isEqualTo(200_000);
        assertThat(s.context().windowAssumed()).isTrue();
        assertThat(s.context().autoCompactAt()).hasValue(167_000);
        assertThat(s.cost().usd().getAsDouble()).isCloseTo(10.11, within(0.005));
        assertThat(s.errors().tool()).isEqualTo(13);
        assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-02-12T16:02:23.545Z"));
        assertThat(s.lastActivityAt()).isEqualTo(Instant.parse("2026-02-12T21:03:34.206Z"));
        assertThat(s.model()).hasValue("claude-opus-4-6");
        assertThat(s.gitBranch()).hasValue("spotter-dov");
        assertThat(s.sources()).hasSize(3);
        assertThat(s.quality().clean()).isTrue();
    }

    @Test
    void discover_oneMillionInSettings_windowOneMillion() throws IOException {
        Files.writeString(claude.resolve("settings.json"), "{\"model\":\"opus[1m]\"}");

        Session s = find(discovery(Map.of()).discover(request(true)), Fixtures.SESSION);

        assertThat(s.context().window()).isEqualTo(1_000_000);
        assertThat(s.context().windowAssumed()).isFalse();
        assertThat(s.context().autoCompactAt()).hasValue(967_000);
    }

    @Test
    void discover_oneMillionInEnvironment_windowOneMillion() {
        Session s = find(discovery(Map.of("ANTHROPIC_MODEL", "claude-opus-4-6[1m]")).discover(request(true)),
                Fixtures.SESSION);

        assertThat(s.context().window()).isEqualTo(1_000_000);
    }

    @Test
    void discover_liveSessionWithoutTranscript_listedWithUnknownTokens() throws IOException {
        Instant started = NOW.minusSeconds(20);
        registry(8080, "fresh-session", "/home/a/new", started, "idle", null);

        List<Session> sessions = discovery(Map.of()).discover(
                request(false, process(8080, "claude", "/home/a/new", started)));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.tokens()).isEqualTo(TokenFigures.UNKNOWN);
            assertThat(s.startedAt()).isEqualTo(started);
            assertThat(s.activity().state()).isEqualTo(ActivityState.WAITING_INPUT);
            assertThat(s.context().tokens()).isEmpty();
            assertThat(s.cost().usd()).isEmpty();
        });
    }

    @Test
    void discover_transcriptDeletedBetweenRuns_noExceptionAndNotListed() throws IOException {
        Path victim = claude.resolve("projects/-home-a-api/live-1.jsonl");
        SessionDiscovery discovery = discovery(Map.of());
        discovery.discover(request(true));
        Files.delete(victim);

        List<Session> sessions = discovery.discover(request(true));

        assertThat(sessions).extracting(s -> s.id().nativeId()).doesNotContain("live-1");
    }

    @Test
    void discover_transcriptVanishedBeforeReading_liveSessionKeptAndFileCounted() throws IOException {
        Path api = claude.resolve("projects/-home-a-api");
        Files.createSymbolicLink(api.resolve("gone.jsonl"), api.resolve("does-not-exist.jsonl"));
        registry(4343, "gone", API_CWD, NOW.minusSeconds(60), "busy", null);
        SessionDiscovery discovery = discovery(Map.of());

        List<Session> sessions = discovery.discover(request(true, process(4343, "claude", API_CWD, NOW.minusSeconds(60))));

        Session s = find(sessions, "gone");
        assertThat(s.activity().state()).isEqualTo(ActivityState.WORKING);
        assertThat(s.tokens()).isEqualTo(TokenFigures.UNKNOWN);
        assertThat(s.quality().unreadableFiles()).isEqualTo(1);
        assertThat(discovery.diagnostics()).anySatisfy(l -> assertThat(l).startsWith("unreadable files: ")
                .contains("gone.jsonl"));
    }

    @Test
    void discover_oldFlatAgentFile_countedForItsSession() throws IOException {
        Path web = claude.resolve("projects/-home-a-web-app");
        Files.writeString(web.resolve("agent-flat1.jsonl"), "{\"type\":\"assistant\",\"sessionId\":\"old-web\","
                + "\"isSidechain\":true,\"requestId\":\"rf\",\"timestamp\":\"2026-02-10T21:20:00Z\",\"message\":{"
                + "\"id\":\"mf\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"usage\":{\"input_tokens\":1,"
                + "\"output_tokens\":2,\"cache_creation_input_tokens\":3,\"cache_read_input_tokens\":4}}}\n");

        List<Session> sessions = discovery(Map.of()).discover(request(true));

        Session old = find(sessions, "old-web");
        assertThat(old.tokens().subagents()).isEqualTo(new TokenUsage(1, 2, 3, 4, 1));
        // both main files are copies of one transcript: rule 5 gives the shared call to the older file
        assertThat(old.tokens().total().apiCalls()).isEqualTo(2);
        assertThat(find(sessions, "new-web").tokens().total().apiCalls()).isZero();
        assertThat(sessions).extracting(x -> x.id().nativeId()).doesNotContain("agent-flat1");
    }

    @Test
    void discover_readsOnly_treeUnchanged() throws Exception {
        Map<String, String> before = TreeHash.of(home);

        discovery(Map.of()).discover(request(true, process(5150, "claude", WEB_CWD, NOW)));

        assertThat(TreeHash.of(home)).isEqualTo(before);
        assertThat(TreeHash.of(Fixtures.claudeProject())).hasSize(6);
    }

    @Test
    void diagnostics_afterRun_describeRootsProjectsRegistryPricesAndFiles() {
        SessionDiscovery discovery = discovery(Map.of());
        discovery.discover(request(true));

        assertThat(discovery.diagnostics()).anySatisfy(l -> assertThat(l).startsWith("roots looked at:"))
                .anySatisfy(l -> assertThat(l).isEqualTo("projects: 2 directories, 4 session transcripts"))
                .anySatisfy(l -> assertThat(l).startsWith("registry: 0 valid, 0 stale"))
                .anySatisfy(l -> assertThat(l).isEqualTo("unpriced models: none"))
                .anySatisfy(l -> assertThat(l).isEqualTo("unreadable files: none"));
    }
}
