package dev.llmsession.discovery.cursor;

import static dev.llmsession.discovery.cursor.CursorFixtures.bubble;
import static dev.llmsession.discovery.cursor.CursorFixtures.composer;
import static dev.llmsession.discovery.cursor.CursorFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.Session;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.testkit.TreeHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The current global-DB layout (split storage) and the Cursor 3 catalogue, generated here. */
final class GlobalDbTest {
    private static final long T1 = 1_763_600_000_000L;
    private static final long T2 = T1 + 600_000;

    @TempDir
    Path home;

    private Path user;
    private Path db;
    private CursorSessionDiscovery discovery;

    @BeforeEach
    void layOut() throws Exception {
        user = CursorFixtures.userRoot(home);
        db = CursorFixtures.kvDb(user.resolve("globalStorage/state.vscdb"), "WAL");
        put(db, "ItemTable", "cursorAuth/accessToken", "SECRET-ACCESS-TOKEN");
        // measured: one non-zero tokenCount among {0,0}s, a context status on the user bubble
        put(db, "cursorDiskKV", "composerData:c-measured", composer("c-measured", "Fix login", T1, T2, "completed",
                "\"modelConfig\":{\"modelName\":\"claude-4-sonnet\",\"maxMode\":false},"
                        + "\"workspaceIdentifier\":{\"id\":\"w1\",\"uri\":{\"fsPath\":\"/home/a/shop\",\"scheme\":\"file\"}}",
                "b1", "1", "b2", "2", "b3", "2"));
        put(db, "cursorDiskKV", "bubbleId:c-measured:b1", bubble("b1", 1, "fix the login", 0, 0,
                "\"createdAt\":\"2025-11-20T01:00:00.000Z\",\"contextWindowStatusAtCreation\":"
                        + "{\"tokensUsed\":50000,\"tokenLimit\":200000,\"percentageRemaining\":75}"));
        put(db, "cursorDiskKV", "bubbleId:c-measured:b2", bubble("b2", 2, "thinking", 0, 0, null));
        put(db, "cursorDiskKV", "bubbleId:c-measured:b3", bubble("b3", 2, "done", 1200, 340,
                "\"modelInfo\":{\"modelName\":\"claude-4-sonnet\"},\"toolFormerData\":{\"name\":\"run\",\"status\":\"error\"}"));
        // {0,0} everywhere, no timestamps, status error, Auto model, unknown keys: estimated
        put(db, "cursorDiskKV", "composerData:c-zero", composer("c-zero", null, null, null, "error",
                "\"modelConfig\":{\"modelName\":\"default\"},\"futureField\":{\"deep\":[1,{\"x\":null}]},\"_v2\":true",
                "z1", "1", "z2", "2"));
        put(db, "cursorDiskKV", "bubbleId:c-zero:z1", bubble("z1", 1, "why is the build red", 0, 0,
                "\"someNewThing\":[[[]]]"));
        put(db, "cursorDiskKV", "bubbleId:c-zero:z2", bubble("z2", 2, "a flaky test", 0, 0, null));
        // context from promptTokenBreakdown and a stated limit
        put(db, "cursorDiskKV", "composerData:c-breakdown", composer("c-breakdown", "Plan", T1, T1 + 2000, "completed",
                "\"contextTokenLimit\":272000,\"promptTokenBreakdown\":{\"totalUsedTokens\":30000,\"categories\":[]}",
                "p1", "1"));
        put(db, "cursorDiskKV", "composerData:c-bad", "{not json");
        put(db, "cursorDiskKV", "composerData:c-untitled", composer("c-untitled", null, T1, T1 + 6000, "completed",
                null, "u1", "1", "u2", "2", "u3", "2"));
        put(db, "cursorDiskKV", "bubbleId:c-untitled:u1", bubble("u1", 1, "deploy to staging please", 0, 0, null));
        put(db, "cursorDiskKV", "bubbleId:c-untitled:u2", "{broken bubble");
        put(db, "cursorDiskKV", "bubbleId:c-untitled:u3", bubble("u3", 2, "done", 7, 0, null));
        put(db, "cursorDiskKV", "composerData:c-ws", composer("c-ws", "Listed in a workspace", T1, T1 + 3000,
                "completed", null));
        put(db, "cursorDiskKV", "messageRequestContext:c-measured:b1", "{\"big\":\"context\"}");
        put(db, "cursorDiskKV", "agentKv:blob:abc", "{\"role\":\"user\"}");
        // the Cursor 3 catalogue names c-zero and knows its folder; one conversation exists only there
        put(db, "ItemTable", "composer.composerHeaders", "{\"allComposers\":["
                + "{\"composerId\":\"c-zero\",\"name\":\"Build is red\",\"lastUpdatedAt\":" + (T1 + 5000)
                + ",\"workspaceIdentifier\":{\"id\":\"w2\",\"uri\":{\"fsPath\":\"/home/a/api\"}},\"isSubagent\":false},"
                + "{\"composerId\":\"c-header-only\",\"name\":\"Only in catalogue\",\"createdAt\":" + T1
                + ",\"lastUpdatedAt\":" + (T1 + 4000) + ",\"unifiedMode\":\"agent\"}]}");
        CursorFixtures.workspace(user, "ws-web", "/home/a/web",
                "{\"allComposers\":[{\"composerId\":\"c-ws\",\"name\":\"Listed in a workspace\"}],"
                        + "\"selectedComposerIds\":[\"c-ws\"]}");
        discovery = new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()));
    }

    private List<Session> discover() {
        return discovery.discover(CursorFixtures.request(CursorFixtures.table(), true));
    }

    private static Session byId(List<Session> sessions, String nativeId) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(nativeId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + nativeId + " in " + sessions));
    }

    @Test
    void discover_realTokenCount_isMeasuredAndZeroPairsAreIgnored() {
        Session s = byId(discover(), "c-measured");

        assertThat(s.tokens().source()).isEqualTo(TokenSource.MEASURED);
        assertThat(s.tokens().total()).isEqualTo(new TokenUsage(1200, 340, 0, 0, 1));
        assertThat(s.context().source()).isEqualTo(TokenSource.MEASURED);
        assertThat(s.context().tokens()).hasValue(50_000);
        assertThat(s.context().window()).isEqualTo(200_000);
        assertThat(s.context().windowAssumed()).isFalse();
        assertThat(s.cwd()).contains("/home/a/shop");
        assertThat(s.title()).contains("Fix login");
        assertThat(s.model()).contains("claude-4-sonnet");
        assertThat(s.startedAt().toEpochMilli()).isEqualTo(T1);
        assertThat(s.lastActivityAt().toEpochMilli()).isEqualTo(T2);
        assertThat(s.errors().tool()).isEqualTo(1);
        assertThat(s.cost().usd()).isEmpty();
        assertThat(s.sources()).containsExactly(db);
    }

    @Test
    void discover_zeroTokenCountsAndNoTimestamps_estimatedWithCatalogueNameAndFolder() {
        Session s = byId(discover(), "c-zero");

        assertThat(s.tokens().source()).isEqualTo(TokenSource.ESTIMATED);
        assertThat(s.tokens().total().input()).isEqualTo(1_000 + 2 * 200);
        assertThat(s.context().source()).isEqualTo(TokenSource.ESTIMATED);
        assertThat(s.context().windowAssumed()).isTrue();
        assertThat(s.title()).contains("Build is red");
        assertThat(s.cwd()).contains("/home/a/api");
        assertThat(s.model()).contains("auto");
        assertThat(s.lastActivityAt().toEpochMilli()).isEqualTo(T1 + 5000);
        assertThat(s.startedAt()).isEqualTo(s.lastActivityAt());
        assertThat(s.errors().api()).isEqualTo(1);
        assertThat(s.quality().clean()).isTrue();
    }

    @Test
    void discover_untitledWithABrokenBubble_titleFromFirstPromptAndTheBubbleCounted() {
        Session s = byId(discover(), "c-untitled");

        assertThat(s.title()).contains("deploy to staging please");
        assertThat(s.quality().malformedLines()).isEqualTo(1);
        assertThat(s.tokens().source()).isEqualTo(TokenSource.MEASURED); // a lone non-zero half is real
        assertThat(s.tokens().total()).isEqualTo(new TokenUsage(7, 0, 0, 0, 1));
    }

    @Test
    void discover_hugeValues_countedButNotFetched() throws Exception {
        // a huge bubble (over the fetch limit) and a large composer value
        put(db, "cursorDiskKV", "composerData:c-huge", composer("c-huge", "Huge", T1, T1 + 1000, "completed",
                "\"richText\":\"" + "r".repeat(3_000_000) + "\"", "h1", "1", "h2", "2"));
        put(db, "cursorDiskKV", "bubbleId:c-huge:h1", bubble("h1", 1, "x".repeat(9 << 20), 0, 0, null));
        put(db, "cursorDiskKV", "bubbleId:c-huge:h2", bubble("h2", 2, "ok", 0, 0, null));

        Session s = byId(discover(), "c-huge");

        assertThat(s.tokens().total().input()).isEqualTo(1_000 + 2 * 200);
        assertThat(s.quality().malformedLines()).isEqualTo(1);
        assertThat(discovery.reader().bubblesParsed()).isLessThan(20);
    }

    @Test
    void discover_breakdownMalformedHeaderOnlyAndWorkspaceListed() {
        List<Session> sessions = discover();

        Session plan = byId(sessions, "c-breakdown");
        assertThat(plan.context().tokens()).hasValue(30_000);
        assertThat(plan.context().window()).isEqualTo(272_000);
        assertThat(plan.context().source()).isEqualTo(TokenSource.MEASURED);
        assertThat(plan.tokens().source()).isEqualTo(TokenSource.ESTIMATED);

        Session bad = byId(sessions, "c-bad");
        assertThat(bad.quality().malformedLines()).isEqualTo(1);
        assertThat(bad.tokens().source()).isEqualTo(TokenSource.UNKNOWN);

        Session headerOnly = byId(sessions, "c-header-only");
        assertThat(headerOnly.title()).contains("Only in catalogue");
        assertThat(headerOnly.tokens().known()).isFalse();

        assertThat(byId(sessions, "c-ws").cwd()).contains("/home/a/web");
        assertThat(sessions).extracting(s -> s.id().nativeId()).doesNotContain("abc", "c-measured:b1");
        assertThat(sessions.toString() + discovery.diagnostics()).doesNotContain("SECRET");
    }

    @Test
    void discover_unchangedDb_isNotOpenedAgain_andAChangeReparsesOnlyThatComposer() throws Exception {
        List<Session> first = discover();
        long parsed = discovery.reader().composersParsed();
        long bubbles = discovery.reader().bubblesParsed();

        List<Session> second = discover();
        assertThat(second).isEqualTo(first);
        assertThat(discovery.reader().composersParsed()).isEqualTo(parsed);
        assertThat(discovery.diagnostics()).anySatisfy(l -> assertThat(l).contains("unchanged, not opened"));

        put(db, "cursorDiskKV", "composerData:c-measured", composer("c-measured", "Fix login", T1, T2 + 1, "completed",
                null, "b1", "1", "b2", "2", "b3", "2", "b4", "1"));
        put(db, "cursorDiskKV", "bubbleId:c-measured:b4", bubble("b4", 1, "and logout", 0, 0, null));
        Files.setLastModifiedTime(db, FileTime.fromMillis(System.currentTimeMillis() + 5000));

        Session updated = byId(discover(), "c-measured");
        assertThat(discovery.reader().composersParsed()).isEqualTo(parsed + 1);
        assertThat(discovery.reader().bubblesParsed()).isEqualTo(bubbles + 1); // only the new bubble
        assertThat(updated.lastActivityAt().toEpochMilli()).isEqualTo(T2 + 1);
        assertThat(updated.tokens().total().input()).isEqualTo(1200);
    }

    @Test
    void discover_newProcessWithTheStoredIndex_readsOnlyWhatChanged() throws Exception {
        dev.llmsession.spi.TranscriptIndex index = dev.llmsession.spi.TranscriptIndex.inMemory();
        java.util.function.Function<CursorSessionDiscovery, List<Session>> run = d -> d.discover(
                new dev.llmsession.spi.SessionDiscovery.Request(CursorFixtures.table(), CursorFixtures.NOW, true,
                        java.util.Optional.empty(), index, dev.llmsession.spi.IndexProgress.NONE,
                        dev.llmsession.spi.TokenEstimator.charsPerToken()));
        List<Session> first = run.apply(discovery);
        long parsedFirst = discovery.reader().composersParsed();
        assertThat(parsedFirst).isGreaterThan(5);

        CursorSessionDiscovery second = new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()));
        List<Session> again = run.apply(second);
        assertThat(second.reader().composersParsed()).isZero();
        assertThat(again).isEqualTo(first);

        put(db, "cursorDiskKV", "composerData:c-measured", composer("c-measured", "Renamed", T1, T2 + 9, "completed",
                null, "b1", "1", "b2", "2", "b3", "2"));
        Files.setLastModifiedTime(db, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        CursorSessionDiscovery third = new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()));
        assertThat(byId(run.apply(third), "c-measured").title()).contains("Renamed");
        assertThat(third.reader().composersParsed()).isEqualTo(1);
    }

    @Test
    void discover_catalogueDatesEveryComposer_noComposerValueParsedUntilOneChanges() throws Exception {
        Path other = CursorFixtures.kvDb(home.resolve("c3/User/globalStorage/state.vscdb"), "WAL");
        put(other, "cursorDiskKV", "composerData:k1", composer("k1", "One", T1, T1 + 1, "completed", null));
        put(other, "cursorDiskKV", "composerData:k2", composer("k2", "Two", T1, T1 + 2, "completed", null));
        put(other, "ItemTable", "composer.composerHeaders", "{\"allComposers\":[{\"composerId\":\"k1\","
                + "\"lastUpdatedAt\":" + (T1 + 1) + "},{\"composerId\":\"k2\",\"lastUpdatedAt\":" + (T1 + 2) + "}]}");
        CursorSessionDiscovery d = new CursorSessionDiscovery(CursorFixtures.context(home,
                Map.of("cursor.roots", home.resolve("c3/User").toString())));
        d.discover(CursorFixtures.request(CursorFixtures.table(), true));
        assertThat(d.reader().composersParsed()).isEqualTo(2);

        put(other, "cursorDiskKV", "composerData:k2", composer("k2", "Two", T1, T1 + 3, "completed", null));
        put(other, "ItemTable", "composer.composerHeaders", "{\"allComposers\":[{\"composerId\":\"k1\","
                + "\"lastUpdatedAt\":" + (T1 + 1) + "},{\"composerId\":\"k2\",\"lastUpdatedAt\":" + (T1 + 3) + "}]}");
        Files.setLastModifiedTime(other, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        List<Session> after = d.discover(CursorFixtures.request(CursorFixtures.table(), true));

        assertThat(d.reader().composersParsed()).isEqualTo(3);
        assertThat(byId(after, "k2").lastActivityAt().toEpochMilli()).isEqualTo(T1 + 3);
    }

    @Test
    void discover_walDatabaseNobodyHasOpen_dbFileUnchangedAndOnlyEmptyCompanionsAppear() throws Exception {
        Map<String, String> before = TreeHash.of(user);

        discover();
        discover();

        // Every file keeps its bytes and mtime. A reader of a WAL database that no process has open gets the -wal
        // and -shm companions from SQLite itself (a writer such as Cursor has them already); the WAL stays empty.
        Map<String, String> after = TreeHash.of(user);
        assertThat(after).containsAllEntriesOf(before);
        after.keySet().removeAll(before.keySet());
        assertThat(after).allSatisfy((file, sha) -> {
            assertThat(file).matches("globalStorage/state\\.vscdb-(wal|shm)@\\d+");
            if (file.contains("-wal")) {
                assertThat(sha).isEqualTo(TreeHash.EMPTY_SHA256);
            }
        });
    }

    @Test
    void discover_walDatabaseCursorHasOpen_everyFileUnchanged() throws Exception {
        try (java.sql.Connection cursor = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.Statement s = cursor.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("INSERT INTO ItemTable VALUES ('open', 'window')"); // Cursor's connection: -wal and -shm exist
            Map<String, String> before = TreeHash.withoutSharedMemory(TreeHash.of(user));

            discover();
            discover();

            // the -shm is SQLite's shared-memory lock area, where every reader (Cursor's own too) marks its read
            assertThat(TreeHash.withoutSharedMemory(TreeHash.of(user))).isEqualTo(before);
        }
    }
}
