package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StoreCommandsTest {
    @TempDir
    Path home;

    @Test
    void history_withoutStore_exitsOneAndSaysWhy() {
        CliRun.Result r = new CliRun(home).run("history");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString().startsWith("llm-session: history needs the store");
    }

    @Test
    void history_refreshesThenListsRecordedSessions_andClosesTheStore() {
        FakeStoreProvider store = new FakeStoreProvider();

        CliRun.Result r = new CliRun(home).stores(store).run("history", "--ascii");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(store.recorded).hasSize(Fixtures.all().size());
        assertThat(r.out()).contains("claude_");
        assertThat(store.closed.get()).isEqualTo(1);
    }

    @Test
    void history_projectFilter_keepsOnlyThatProject() {
        FakeStoreProvider store = new FakeStoreProvider();

        CliRun.Result r = new CliRun(home).stores(store).run("history", "--project", "no-such-project");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("No sessions in the store");
    }

    @Test
    void doctor_rebuildIndex_clearsTheIndexAndDescribesTheStore() {
        FakeStoreProvider store = new FakeStoreProvider();

        CliRun.Result r = new CliRun(home).stores(store).run("doctor", "--rebuild-index");

        assertThat(r.code()).isZero();
        assertThat(store.cleared.get()).isEqualTo(1);
        assertThat(r.outLines()).contains("store:", "  location: (memory)", "  index rebuilt from the transcripts");
    }

    @Test
    void dataDir_reachesProvidersAsStoreDirSetting() {
        FakeStoreProvider store = new FakeStoreProvider();

        new CliRun(home).stores(store).run("--data-dir", home.resolve("data").toString(), "list");

        assertThat(store.seen.get().setting("store.dir")).contains(home.resolve("data").toAbsolutePath().toString());
    }

    @Test
    void list_storeCannotOpen_warnsOnceAndStillLists() {
        FakeStoreProvider store = new FakeStoreProvider();
        store.createFailure = "store.db has schema version 5; this llm-session understands up to 2";

        CliRun.Result r = new CliRun(home).stores(store).run("list", "--all", "--ascii");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("claude_");
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: warning: store fake-store not in use").contains("schema version 5");
    }

    @Test
    void list_storeNotice_isPrintedOnceAsWarning() {
        FakeStoreProvider store = new FakeStoreProvider();
        store.notices.add("store at ~/x was unreadable; moved aside to ~/x.corrupt-1; rebuilding");

        CliRun.Result r = new CliRun(home).stores(store).run("list");

        assertThat(r.err()).contains("llm-session: warning: store at ~/x was unreadable");
    }
}
