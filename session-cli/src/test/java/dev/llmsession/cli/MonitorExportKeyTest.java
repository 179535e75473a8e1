package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.FoundProviders;
import dev.llmsession.LlmSessions;
import dev.llmsession.cli.command.MonitorCommand;
import dev.llmsession.cli.context.PackCodec;
import dev.llmsession.cli.monitor.HeaderSegment;
import dev.llmsession.cli.monitor.Monitor;
import dev.llmsession.cli.monitor.MonitorData;
import dev.llmsession.cli.monitor.MonitorScreen;
import dev.llmsession.cli.monitor.MonitorState;
import dev.llmsession.cli.monitor.VirtualTerminal;
import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's {@code e} key, end to end on a virtual terminal: a real export of the selected session. */
final class MonitorExportKeyTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Pattern EXPORTED = Pattern.compile("exported to (\\S+\\.json)");

    @TempDir
    Path tmp;

    private static LlmSessions library(ContextHome home) {
        FoundProviders found = FoundProviders.load(MonitorExportKeyTest.class.getClassLoader());
        return LlmSessions.builder()
                .context(new ProviderContext(home.home, Map.of(), ContextHome.CLOCK, Map.of()))
                .discovery(found.discoveries().stream().filter(p -> p.id().equals("claude-code")).findFirst()
                        .orElseThrow())
                .build();
    }

    /** Runs the dashboard over {@code session} with the export key into {@code dir}, presses e, returns the screen. */
    private static String pressE(LlmSessions lib, Session session, Path dir, String expected) throws Exception {
        VirtualTerminal vt = new VirtualTerminal(220, 24);
        MonitorData data = new MonitorData(ContextHome.CLOCK.instant(), List.of(session), Map.of(), List.of(),
                Optional.empty());
        MonitorState state = new MonitorState(MonitorData.empty(ContextHome.CLOCK.instant()),
                List.of(MonitorCommand.exportKey(() -> lib, dir)));
        Monitor monitor = new Monitor(vt, new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), false, false,
                LONG), state, t -> data, LONG, false);
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() -> {
            try {
                return monitor.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        vt.awaitText(s -> s.contains("1 session") && s.contains("e export"), "the list with the e key in the footer");
        vt.type("e");
        vt.awaitText(s -> s.contains(expected), expected);
        String screen = vt.text();
        vt.type("q");
        assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(vt.restored).isTrue();
        return screen;
    }

    @Test
    void e_exportsTheSelectedSessionAsAnOwnerOnlyValidPack_andShowsThePath() throws Exception {
        ContextHome home = new ContextHome(tmp).withSession(ExportImportTest.SMALL, ExportImportTest.smallSession());
        Path dir = tmp.resolve("data/exports");
        try (LlmSessions lib = library(home)) {
            Session session = lib.catalog().resolve("5e5510aa");

            String screen = pressE(lib, session, dir, "exported to ");

            Matcher m = EXPORTED.matcher(screen);
            assertThat(m.find()).as(screen).isTrue();
            Path written = Path.of(m.group(1));
            assertThat(written.getParent()).isEqualTo(dir);
            assertThat(written).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
            assertThat(PackCodec.read(written).pack().source().id()).isEqualTo(session.id().value());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).containsExactly(written); // no temp file left behind
            }
        }
    }

    @Test
    void e_whenTheDirectoryCannotBeMade_showsOneLineErrorAndWritesNothing() throws Exception {
        ContextHome home = new ContextHome(tmp).withSession(ExportImportTest.SMALL, ExportImportTest.smallSession());
        Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
        try (LlmSessions lib = library(home)) {
            Session session = lib.catalog().resolve("5e5510aa");

            String screen = pressE(lib, session, blocker.resolve("exports"), "export failed: ");

            String line = screen.lines().filter(l -> l.contains("export failed: ")).findFirst().orElseThrow();
            assertThat(line).contains("cannot write");
            assertThat(Files.readString(blocker)).isEqualTo("x");
        }
    }
}
