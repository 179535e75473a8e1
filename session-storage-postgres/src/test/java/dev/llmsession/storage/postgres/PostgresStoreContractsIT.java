package dev.llmsession.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.StoreException;
import dev.llmsession.spi.ContextArchive;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.testkit.PostgresServer;
import dev.llmsession.testkit.store.ContextArchiveContract;
import dev.llmsession.testkit.store.FileTokenCacheContract;
import dev.llmsession.testkit.store.SnapshotHistoryContract;
import dev.llmsession.testkit.store.StoreFixtures;
import dev.llmsession.testkit.store.TranscriptIndexContract;
import dev.llmsession.testkit.store.UsageLedgerContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The test kit's role contracts against the PostgreSQL store, on a real server: every test gets a machine of its own
 * in one database, so an empty store is a machine no row names yet (the keying under test). Then what the schema
 * adds around them: the upgrade from the previous schema, and each machine's rows private to its login.
 */
class PostgresStoreContractsIT {
    private static PostgresServer server;
    private static String db;
    private static final List<PostgresSessionStore> OPENED = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
        db = server.createDatabase("contracts");
    }

    @AfterAll
    static void stopServer() {
        OPENED.forEach(PostgresSessionStore::close);
        server.close();
    }

    private static TeamConnection owner(String database) {
        return new TeamConnection(server.url(database), PostgresServer.SUPERUSER, Optional.of(PostgresServer.PASSWORD));
    }

    /** The store of a machine nothing has written for yet. */
    static PostgresSessionStore freshMachine() {
        PostgresSessionStore store = PostgresSessionStore.open(owner(db), "machine-" + OPENED.size());
        OPENED.add(store);
        return store;
    }

    @Nested
    class Index extends TranscriptIndexContract {
        @Override
        protected TranscriptIndex newIndex() {
            return freshMachine().index();
        }
    }

    @Nested
    class History extends SnapshotHistoryContract {
        @Override
        protected SnapshotHistory newHistory() {
            return freshMachine().history();
        }
    }

    @Nested
    class Ledger extends UsageLedgerContract {
        @Override
        protected Parts newParts() {
            return Parts.of(freshMachine());
        }
    }

    @Nested
    class Contexts extends ContextArchiveContract {
        @Override
        protected ContextArchive newArchive() {
            return freshMachine().contexts();
        }
    }

    @Nested
    class TokenCache extends FileTokenCacheContract {
        @Override
        protected FileTokenCache newCache() {
            return freshMachine().fileTokenCache();
        }
    }

    @Test
    void upgradesFromThePreviousSchemaKeepingTheTeamRows() {
        String old = server.createDatabase("previous_schema");
        try (PostgresTeamStore v3 = PostgresTeamStore.open(owner(old), 3)) {
            assertThat(v3.schemaVersion()).isEqualTo(3);
            v3.push(new TeamStore.Batch("m1", "dana", List.of(), List.of(),
                    List.of(PostgresTeamStoreIT.slice("s1", 0, 3))));
        }
        try (PostgresSessionStore store = PostgresSessionStore.open(owner(old), "m1");
                PostgresTeamStore team = PostgresTeamStore.open(owner(old))) {
            assertThat(team.schemaVersion()).isEqualTo(TeamMigrations.LATEST);
            assertThat(team.usage(UsageFilter.ALL, Optional.empty())).hasSize(1);
            store.history().record(List.of(StoreFixtures.snapshot("a", 100, 1000, 90)), StoreFixtures.T0);
            assertThat(store.history().sessions(SnapshotHistory.Query.ALL)).hasSize(1);
        }
    }

    @Test
    void aMachinesStoreIsReadAndWrittenByThatMachineOnly() {
        String shared = server.createDatabase("private_rows");
        try (PostgresSessionStore owner = PostgresSessionStore.open(owner(shared), "build-7")) {
            owner.history().record(List.of(StoreFixtures.snapshot("a", 100, 1000, 90)), StoreFixtures.T0);
        }
        server.execute(shared, "CREATE ROLE \"build-7\" LOGIN PASSWORD 'w7' IN ROLE llm_session_writer",
                "CREATE ROLE \"build-8\" LOGIN PASSWORD 'w8' IN ROLE llm_session_writer",
                "CREATE ROLE grafana3 LOGIN PASSWORD 'v' IN ROLE llm_session_viewer");
        String url = server.url(shared);
        try (PostgresSessionStore mine = PostgresSessionStore.open(new TeamConnection(url, "build-7",
                Optional.of("w7")), "build-7");
                PostgresSessionStore posing = PostgresSessionStore.open(new TeamConnection(url, "build-8",
                        Optional.of("w8")), "build-7");
                PostgresSessionStore viewer = PostgresSessionStore.open(new TeamConnection(url, "grafana3",
                        Optional.of("v")), "build-7")) {
            assertThat(mine.history().sessions(SnapshotHistory.Query.ALL)).hasSize(1);
            mine.index().commit("claude-code", new TranscriptIndex.Commit(List.of(StoreFixtures.entry("/a.jsonl", 5,
                    "s")), List.of(), Map.of()));
            // another machine's login sees none of build-7's rows and may not write them
            assertThat(posing.history().sessions(SnapshotHistory.Query.ALL)).isEmpty();
            assertThat(posing.index().load("claude-code")).isEmpty();
            assertThatThrownBy(() -> posing.history().record(List.of(StoreFixtures.snapshot("b", 1, 1, 1)),
                    StoreFixtures.T0)).isInstanceOf(StoreException.class).hasMessageContaining("row-level security");
            // a viewer reads the team tables, not a machine's store
            assertThatThrownBy(() -> viewer.history().sessions(SnapshotHistory.Query.ALL))
                    .isInstanceOf(StoreException.class).hasMessageContaining("permission denied");
        }
    }
}
