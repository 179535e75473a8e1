package dev.llmsession.discovery.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.adapterkit.JsonlTail;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new process resumes from the parser states the store's index kept: only appended bytes are read. */
final class IndexResumeTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path home;

    private static SessionDiscovery.Request request(TranscriptIndex index) {
        return new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true, Optional.empty(), index,
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    private static Map<String, String> summary(List<Session> sessions) {
        return sessions.stream().collect(Collectors.toMap(s -> s.id().value(),
                s -> s.tokens() + " " + s.context() + " " + s.lastActivityAt() + " " + s.errors() + " " + s.quality()));
    }

    @Test
    void secondAdapterWithTheSameIndex_readsOnlyTheAppendedLine_andAgreesWithAFullRead() throws IOException {
        Path day = Samples.layOut(home.resolve(".codex"));
        CodexHome codex = new CodexHome(home.resolve(".codex"));
        TranscriptIndex index = TranscriptIndex.inMemory();
        JsonlTail first = new JsonlTail();
        new CodexSessionDiscovery(codex, first).discover(request(index));
        long all = Files.size(day.resolve(Samples.SMALL)) + Files.size(day.resolve(Samples.ONE_TURN))
                + Files.size(day.resolve(Samples.LONG));
        assertThat(first.bytesRead()).isEqualTo(all);
        assertThat(index.load("codex")).hasSize(3);

        String line = Lines.tokens("2026-02-23T19:40:00Z", 400_000, 2_000, 70_000);
        Files.writeString(day.resolve(Samples.ONE_TURN), line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        JsonlTail second = new JsonlTail();
        List<Session> resumed = new CodexSessionDiscovery(codex, second).discover(request(index));

        assertThat(second.bytesRead()).isEqualTo(line.getBytes(StandardCharsets.UTF_8).length);
        List<Session> full = new CodexSessionDiscovery(codex, new JsonlTail())
                .discover(request(TranscriptIndex.inMemory()));
        assertThat(summary(resumed)).isEqualTo(summary(full));
        assertThat(resumed).filteredOn(s -> s.id().nativeId().startsWith("019c8bfe")).singleElement()
                .satisfies(s -> assertThat(s.tokens().total().total()).isEqualTo(402_000));
    }

    @Test
    void damagedStateInTheIndex_isIgnoredAndTheFileReadAgain() throws IOException {
        Path day = Samples.layOut(home.resolve(".codex"));
        CodexHome codex = new CodexHome(home.resolve(".codex"));
        TranscriptIndex index = TranscriptIndex.inMemory();
        new CodexSessionDiscovery(codex, new JsonlTail()).discover(request(index));
        TranscriptIndex.Entry e = index.load("codex").get(day.resolve(Samples.SMALL).toString());
        index.commit("codex", new TranscriptIndex.Commit(List.of(new TranscriptIndex.Entry(e.path(), e.fileKey(),
                e.size(), e.mtime(), e.offset(), new byte[] {0, 0, 0, 1, 9})), List.of(), Map.of()));

        JsonlTail again = new JsonlTail();
        List<Session> sessions = new CodexSessionDiscovery(codex, again).discover(request(index));

        assertThat(again.bytesRead()).isEqualTo(Files.size(day.resolve(Samples.SMALL)));
        assertThat(sessions).filteredOn(s -> s.id().nativeId().startsWith("019c8a70")).singleElement()
                .satisfies(s -> assertThat(s.tokens().total().total()).isEqualTo(34_900));
    }

    @Test
    void fileGoneOnAFullListing_isForgottenByTheIndex() throws IOException {
        Path day = Samples.layOut(home.resolve(".codex"));
        CodexHome codex = new CodexHome(home.resolve(".codex"));
        TranscriptIndex index = TranscriptIndex.inMemory();
        new CodexSessionDiscovery(codex, new JsonlTail()).discover(request(index));

        Files.delete(day.resolve(Samples.LONG));
        new CodexSessionDiscovery(codex, new JsonlTail()).discover(request(index));

        assertThat(index.load("codex")).hasSize(2).doesNotContainKey(day.resolve(Samples.LONG).toString());
    }
}
