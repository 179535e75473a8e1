package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.FoundProviders;
import dev.llmsession.LlmSessions;
import dev.llmsession.cli.context.ContextExports;
import dev.llmsession.cli.context.PackCodec;
import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-call export the monitor's {@code e} key uses. */
final class ContextExportsTest {
    @TempDir
    Path tmp;

    @Test
    void exportTo_writesANewOwnerOnlyPackEachTime_andReturnsItsPath() throws Exception {
        ContextHome home = new ContextHome(tmp).withSession(ExportImportTest.SMALL, ExportImportTest.smallSession());
        FoundProviders found = FoundProviders.load(getClass().getClassLoader());
        Path dir = ContextExports.defaultDirectory(Map.of("LLM_SESSION_HOME", home.data.toString()), home.home,
                Optional.empty());
        try (LlmSessions lib = LlmSessions.builder()
                .context(new ProviderContext(home.home, Map.of(), ContextHome.CLOCK, Map.of()))
                .discovery(found.discoveries().stream().filter(p -> p.id().equals("claude-code")).findFirst()
                        .orElseThrow())
                .build()) {
            Session session = lib.catalog().resolve("5e5510aa");

            Path first = ContextExports.exportTo(lib, session, dir);
            Path second = ContextExports.exportTo(lib, session, dir);

            assertThat(dir).isEqualTo(home.data.resolve("exports"));
            assertThat(first.getParent()).isEqualTo(dir);
            assertThat(first.getFileName().toString()).isEqualTo("claude_" + ExportImportTest.SMALL
                    + "-20260213-090000.json");
            assertThat(second).isNotEqualTo(first).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");
            assertThat(PackCodec.read(first).pack().source().id()).isEqualTo(session.id().value());
        }
    }

    @Test
    void defaultDirectory_followsTheStoreRule() {
        Path home = Path.of("/home/u");

        assertThat(ContextExports.defaultDirectory(Map.of(), home, Optional.of(Path.of("/d"))))
                .isEqualTo(Path.of("/d/exports"));
        assertThat(ContextExports.defaultDirectory(Map.of("XDG_DATA_HOME", "/x"), home, Optional.empty()))
                .isEqualTo(Path.of("/x/llm-session/exports"));
    }
}
