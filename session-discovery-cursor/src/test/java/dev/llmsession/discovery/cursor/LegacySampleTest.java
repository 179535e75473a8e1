package dev.llmsession.discovery.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenSource;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.testkit.TreeHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real pre-0.43 workspace DB: 5 legacy chat tabs and 26 inline composers, no token counts anywhere. */
final class LegacySampleTest {
    private static final String FOLDER = "/home/a/mobile-copilot";

    @TempDir
    Path home;

    private List<Session> discover() throws Exception {
        Path user = CursorFixtures.userRoot(home);
        Path ws = CursorFixtures.workspace(user, "f87f6e0b2cf1ae8645cc0c5ffaa99529", FOLDER, null);
        Files.copy(CursorFixtures.legacySample(), ws.resolve("state.vscdb"));
        SessionDiscovery d = new CursorDiscoveryProvider().create(CursorFixtures.context(home, Map.of()));
        return d.discover(CursorFixtures.request(CursorFixtures.table(), true));
    }

    @Test
    void discover_legacySample_fiveTabsAndTwentySixComposers() throws Exception {
        List<Session> sessions = discover();

        assertThat(sessions).hasSize(31);
        assertThat(sessions).allSatisfy(s -> {
            assertThat(s.assistant()).isEqualTo("cursor");
            assertThat(s.id().prefix()).isEqualTo("cursor");
            assertThat(s.cwd()).contains(FOLDER);
            assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED);
            assertThat(s.cost().usd()).isEmpty();
            // nothing recorded: never measured, the estimate is labelled
            assertThat(s.tokens().source()).isEqualTo(TokenSource.ESTIMATED);
            assertThat(s.context().source()).isEqualTo(TokenSource.ESTIMATED);
            assertThat(s.context().windowAssumed()).isTrue();
        });
    }

    @Test
    void discover_legacyChatTab_titleModelTimeAndEstimate() throws Exception {
        Session tab = discover().stream().filter(s -> s.id().nativeId().equals("2aa483d1-573c-4039-ae4e-7415e28d2605"))
                .findFirst().orElseThrow();

        assertThat(tab.title()).contains("Ionic App Sidebar Customization Guide");
        assertThat(tab.model()).contains("claude-3.5-sonnet");
        assertThat(tab.lastActivityAt().toEpochMilli()).isEqualTo(1731818231743L);
        // 33 bubbles: base 1,000 + 200 each, no attached files
        assertThat(tab.tokens().total().input()).isEqualTo(1_000 + 200 * 33);
        assertThat(tab.context().tokens()).hasValue(1_000 + 200 * 33);
    }

    @Test
    void discover_legacyComposer_timesFromTheValueAndMessageCount() throws Exception {
        List<Session> sessions = discover();
        Session composer = sessions.stream().filter(s -> s.startedAt().toEpochMilli() == 1731815737024L)
                .findFirst().orElseThrow();

        assertThat(composer.title()).hasValueSatisfying(t -> assertThat(t).startsWith("create settings page"));
        assertThat(composer.lastActivityAt().toEpochMilli()).isEqualTo(1731816354754L);
        assertThat(composer.tokens().total().input()).isEqualTo(1_000 + 200 * 14);
        assertThat(composer.tokens().total().apiCalls()).isEqualTo(7);
        assertThat(composer.errors().total()).isZero();
        // a composer without lastUpdatedAt ends where it started
        assertThat(sessions.stream().filter(s -> s.startedAt().toEpochMilli() == 1731784818255L).findFirst()
                .orElseThrow().lastActivityAt().toEpochMilli()).isEqualTo(1731784818255L);
    }

    @Test
    void discover_legacySample_leavesTheDatabaseUntouched() throws Exception {
        Path user = CursorFixtures.userRoot(home);
        Path ws = CursorFixtures.workspace(user, "f87f6e0b2cf1ae8645cc0c5ffaa99529", FOLDER, null);
        Files.copy(CursorFixtures.legacySample(), ws.resolve("state.vscdb"));
        Map<String, String> before = TreeHash.of(user);

        new CursorDiscoveryProvider().create(CursorFixtures.context(home, Map.of()))
                .discover(CursorFixtures.request(CursorFixtures.table(), true));

        assertThat(TreeHash.of(user)).isEqualTo(before);
    }
}
