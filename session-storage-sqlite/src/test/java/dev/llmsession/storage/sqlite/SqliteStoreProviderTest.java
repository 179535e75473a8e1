package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SqliteStoreProviderTest {

    @TempDir
    Path home;

    @Test
    void serviceLoader_findsExactlyThisProvider() {
        List<SessionStoreProvider> found = ServiceLoader.load(SessionStoreProvider.class,
                SqliteStoreProvider.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().isInstanceOf(SqliteStoreProvider.class);
    }

    @Test
    void identity_matchesContract() {
        SqliteStoreProvider provider = new SqliteStoreProvider();

        assertThat(provider.id()).isEqualTo("sqlite");
        assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
        assertThat(provider.unavailableReason(TestSessions.context(home, Map.of(), Map.of()))).isEmpty();
    }

    @Test
    void directory_setting_winsOverEverything() {
        ProviderContext ctx = TestSessions.context(home,
                Map.of("LLM_SESSION_HOME", "/env/home", "XDG_DATA_HOME", "/xdg"),
                Map.of(SqliteStoreProvider.DIR_SETTING, "/cli/data"));

        assertThat(SqliteStoreProvider.directory(ctx, "Mac OS X")).isEqualTo(Path.of("/cli/data"));
    }

    @Test
    void directory_llmSessionHome_winsOverXdg() {
        ProviderContext ctx = TestSessions.context(home,
                Map.of("LLM_SESSION_HOME", "/env/home", "XDG_DATA_HOME", "/xdg"), Map.of());

        assertThat(SqliteStoreProvider.directory(ctx, "Linux")).isEqualTo(Path.of("/env/home"));
    }

    @Test
    void directory_xdgDataHome_appendsLlmSession() {
        ProviderContext ctx = TestSessions.context(home, Map.of("XDG_DATA_HOME", "/xdg"), Map.of());

        assertThat(SqliteStoreProvider.directory(ctx, "Mac OS X")).isEqualTo(Path.of("/xdg/llm-session"));
    }

    @Test
    void directory_macOsWithoutOverrides_usesApplicationSupport() {
        ProviderContext ctx = TestSessions.context(home, Map.of("LLM_SESSION_HOME", " "), Map.of());

        assertThat(SqliteStoreProvider.directory(ctx, "Mac OS X"))
                .isEqualTo(home.resolve("Library/Application Support/llm-session"));
    }

    @Test
    void directory_linuxWithoutOverrides_usesLocalShare() {
        ProviderContext ctx = TestSessions.context(home, Map.of(), Map.of());

        assertThat(SqliteStoreProvider.directory(ctx, "Linux")).isEqualTo(home.resolve(".local/share/llm-session"));
    }

    @Test
    void directory_tildeInSetting_expandsToContextHome() {
        ProviderContext ctx = TestSessions.context(home, Map.of(), Map.of(SqliteStoreProvider.DIR_SETTING, "~/d"));

        assertThat(SqliteStoreProvider.directory(ctx, "Linux")).isEqualTo(home.resolve("d"));
    }

    @Test
    void create_missingDirectory_createsItOwnerOnlyWithStoreDb() throws Exception {
        Path dir = home.resolve("a/b/llm-session");
        ProviderContext ctx = TestSessions.context(home, Map.of("LLM_SESSION_HOME", dir.toString()), Map.of());

        try (SessionStore store = new SqliteStoreProvider().create(ctx)) {
            assertThat(store.describe()).first().asString().contains(dir.resolve("store.db").toString());
        }

        assertThat(dir.resolve("store.db")).isRegularFile();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        }
    }

    @Test
    void create_fileInTheWay_throwsOneLineStoreException() throws Exception {
        Path blocker = Files.writeString(home.resolve("blocker"), "not a directory");
        ProviderContext ctx = TestSessions.context(home, Map.of(),
                Map.of(SqliteStoreProvider.DIR_SETTING, blocker.resolve("store").toString()));

        assertThatThrownBy(() -> new SqliteStoreProvider().create(ctx))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO))
                .hasMessageContaining("cannot create the store directory")
                .hasMessageNotContaining("\n");
    }

    @Test
    void warmUp_opensNoStore_andAStoreCreatedAfterWorks() throws Exception {
        Path data = home.resolve("data");
        ProviderContext ctx = TestSessions.context(home, Map.of("TMPDIR", home.resolve("tmp").toString()),
                Map.of(SqliteStoreProvider.DIR_SETTING, data.toString()));
        Files.createDirectories(home.resolve("tmp"));

        new SqliteStoreProvider().warmUp(ctx);

        assertThat(data).doesNotExist();
        try (var entries = Files.list(home)) {
            assertThat(entries).containsExactly(home.resolve("tmp")); // at most the native library, unpacked there
        }
        try (SessionStore store = new SqliteStoreProvider().create(ctx)) {
            assertThat(store.index().load("warm-up-test")).isEmpty();
        }
        assertThat(data.resolve(SqliteStoreProvider.FILE_NAME)).isRegularFile();
    }

    @Test
    void warmUp_neverThrows_evenWhereNothingCanBeUnpacked() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-directory"), "x");
        ProviderContext ctx = TestSessions.context(home, Map.of("TMPDIR", file.toString()), Map.of());

        new SqliteStoreProvider().warmUp(ctx);

        assertThat(file).hasContent("x");
    }
}
