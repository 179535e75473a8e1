package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class InventoryTest {

    @TempDir
    Path home;

    @Test
    void walkingSubagents_findsWhatTheFileTreeWalkFinds() throws Exception {
        Path subagents = Files.createDirectories(home.resolve("s1/subagents"));
        Files.writeString(subagents.resolve("agent-a.jsonl"), "{}\n");
        Files.writeString(subagents.resolve("agent-é.jsonl"), "{}\n{}\n");
        Files.writeString(subagents.resolve("journal.jsonl"), "{}\n");
        Files.writeString(subagents.resolve("notes.txt"), "x");
        Files.writeString(Files.createDirectories(subagents.resolve("nested/deeper")).resolve("agent-b.jsonl"), "{}\n");
        Files.writeString(Files.createDirectories(subagents.resolve("nested/tool-results")).resolve("agent-c.jsonl"), "");
        Files.writeString(Files.createDirectories(subagents.resolve("tool-results")).resolve("agent-d.jsonl"), "");
        Path outside = Files.createDirectories(home.resolve("outside"));
        Files.writeString(outside.resolve("agent-e.jsonl"), "{}\n");
        Files.createSymbolicLink(subagents.resolve("agent-link.jsonl"), outside.resolve("agent-e.jsonl"));
        Files.createSymbolicLink(subagents.resolve("agent-dangling.jsonl"), outside.resolve("gone.jsonl"));
        Files.createSymbolicLink(subagents.resolve("linked-folder"), outside);
        Files.createSymbolicLink(subagents.resolve("agent-folder.jsonl"), outside);
        Process fifo = new ProcessBuilder("mkfifo", subagents.resolve("agent-fifo.jsonl").toString()).start();
        assertThat(fifo.waitFor()).isZero();

        SortedMap<Path, FileStat> walked = Inventory.walkSubagents(subagents);

        assertThat(walked).isEqualTo(Inventory.walkFileTree(subagents));
        assertThat(walked.keySet()).containsExactly(subagents.resolve("agent-a.jsonl"),
                subagents.resolve("agent-link.jsonl"), subagents.resolve("agent-é.jsonl"),
                subagents.resolve("nested/deeper/agent-b.jsonl"));
        assertThat(walked.get(subagents.resolve("agent-link.jsonl")).size()).isEqualTo(3);
    }

    @Test
    void walkingSubagents_ofNoFolderOrAFile_findsNothing() throws IOException {
        Files.writeString(Files.createDirectories(home.resolve("s2")).resolve("subagents"), "not a folder");
        Files.createSymbolicLink(Files.createDirectories(home.resolve("s3")).resolve("subagents"),
                Files.createDirectories(home.resolve("elsewhere")));
        Files.writeString(home.resolve("elsewhere/agent-x.jsonl"), "{}\n");

        for (Path dir : List.of(home.resolve("s1/subagents"), home.resolve("s2/subagents"),
                home.resolve("s3/subagents"))) {
            assertThat(Inventory.walkSubagents(dir)).isEmpty();
            assertThat(Inventory.walkFileTree(dir)).isEmpty();
        }
    }

    @Test
    void subagentsOfManySessions_walkedOnTwoThreads_answerAsOneByOne_withAsManyLooks() throws IOException {
        Path root = home.resolve(".claude");
        Path project = Files.createDirectories(root.resolve("projects/-home-dev-app"));
        List<Path> mains = new ArrayList<>();
        int agents = 0;
        for (int i = 0; i < Inventory.PARALLEL_WALKS * 2 + 3; i++) {
            Path main = project.resolve(String.format("%08d-0000-4000-8000-000000000000.jsonl", i));
            Files.writeString(main, "{}\n");
            mains.add(main);
            if (i % 3 != 0) {
                Path subagents = Files.createDirectories(project.resolve(main.getFileName().toString()
                        .replace(".jsonl", "")).resolve("subagents"));
                agents += i % 4;
                for (int a = 0; a < i % 4; a++) {
                    Files.writeString(subagents.resolve("agent-" + a + ".jsonl"), "{}\n".repeat(a + 1));
                }
            }
        }
        Inventory together = new Inventory();
        Inventory oneByOne = new Inventory();
        together.list(List.of(root));
        oneByOne.list(List.of(root));
        long togetherBefore = together.looks();
        long oneByOneBefore = oneByOne.looks();

        Map<Path, SortedMap<Path, FileStat>> all = together.subagentsOf(mains, false);
        Map<Path, SortedMap<Path, FileStat>> each = new HashMap<>();
        mains.forEach(m -> each.putAll(oneByOne.subagentsOf(List.of(m), false)));

        assertThat(all).isEqualTo(each).hasSize(mains.size() - (mains.size() + 2) / 3);
        assertThat(all.values().stream().mapToInt(Map::size).sum()).isEqualTo(agents);
        assertThat(together.looks() - togetherBefore).isEqualTo(oneByOne.looks() - oneByOneBefore).isPositive();
        // kept: asked again, nothing is walked
        long before = together.looks();
        assertThat(together.subagentsOf(mains, false)).isEqualTo(all);
        assertThat(together.looks()).isEqualTo(before);
    }

    @Test
    void listing_ofManyProjectFolders_findsEachTranscriptOnceInPathOrderWithItsStat() throws Exception {
        Path root = home.resolve(".claude");
        List<Path> dirs = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            Path dir = Files.createDirectories(root.resolve("projects/-p" + d));
            dirs.add(dir);
            for (int f = 0; f < d * 3; f++) {
                Files.writeString(dir.resolve("s" + f + ".jsonl"), "{}\n".repeat(f + 1));
            }
            Files.createDirectories(dir.resolve("s0"));
            Files.writeString(dir.resolve("agent-" + d + ".jsonl"), "{}\n");
            Files.createDirectories(dir.resolve("folder.jsonl"));
        }
        Process fifo = new ProcessBuilder("mkfifo", dirs.get(3).resolve("fifo.jsonl").toString()).start();
        assertThat(fifo.waitFor()).isZero();
        Files.writeString(root.resolve("projects/not-a-folder"), "x");

        Inventory whole = new Inventory();
        Inventory.Listing listing = whole.list(List.of(root));

        List<Path> expected = new ArrayList<>();
        Map<Path, FileStat> expectedAgents = new HashMap<>();
        for (Path dir : dirs) {
            try (var files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(f)).sorted()
                        .forEach(f -> {
                            if (f.getFileName().toString().startsWith("agent-")) {
                                expectedAgents.put(f, FileStat.of(f));
                            } else {
                                expected.add(f);
                            }
                        });
            }
        }
        assertThat(listing.projectDirs).containsExactlyElementsOf(dirs);
        assertThat(listing.mains).extracting(Inventory.MainFile::path).containsExactlyElementsOf(expected);
        assertThat(listing.mains).hasSize(3 * (0 + 1 + 2 + 3 + 4 + 5 + 6));
        assertThat(listing.stats).isEqualTo(expectedAgents);
        assertThat(listing.mains(dirs.get(3))).extracting(m -> m.path().getFileName().toString())
                .doesNotContain("fifo.jsonl", "folder.jsonl");
        for (Inventory.MainFile m : listing.mains) {
            assertThat(m.stat()).isEqualTo(FileStat.of(m.path()));
        }
        assertThat(whole.looks()).isEqualTo(1 + dirs.size() + listing.mains.size() + dirs.size() * 2 + 1);
    }
}
