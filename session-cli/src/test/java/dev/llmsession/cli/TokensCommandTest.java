package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.cli.tokens.BpeTokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TokensCommandTest {
    @TempDir
    Path home;

    private Path tree;

    @BeforeEach
    void tree() throws IOException {
        tree = Files.createDirectories(home.resolve("project"));
        Files.writeString(tree.resolve(".gitignore"), "*.log\n");          // 6 characters: 2 tokens
        Files.writeString(tree.resolve("big.txt"), "x".repeat(40_000));    // 10,000 tokens
        Files.writeString(tree.resolve("small.md"), "héllo wörld\n");      // 12 characters: 3 tokens
        Files.writeString(tree.resolve("debug.log"), "ignored");
        Files.write(tree.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
    }

    @Test
    void tokens_directory_printsEachFileTotalAndWindowShares() {
        CliRun.Result r = new CliRun(home).run("tokens", tree.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).containsExactly(
                "TOKENS  FILE",
                "     2  " + tree.resolve(".gitignore"),
                "10,000  " + tree.resolve("big.txt"),
                "     3  " + tree.resolve("small.md"),
                "",
                "total: 10,005 tokens in 3 files (chars/4); 1 binary skipped, 1 ignored, 0 unreadable",
                "window: 5.0% of a 200k window, 1.0% of a 1M window",
                "cache: 4 files read, 0 answered from the cache");
    }

    @Test
    void tokens_top_keepsTheLargestFiles() {
        CliRun.Result r = new CliRun(home).run("tokens", "--top", "2", tree.toString());

        assertThat(r.outLines()).startsWith("TOKENS  FILE", "10,000  " + tree.resolve("big.txt"),
                "     3  " + tree.resolve("small.md"), "");
    }

    @Test
    void tokens_json_hasTotalsWindowsStatsAndFiles() throws IOException {
        CliRun.Result r = new CliRun(home).run("tokens", "--json", "--top", "1", tree.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("tokenizer").asText()).isEqualTo("chars/4");
        assertThat(json.path("total").path("tokens").asLong()).isEqualTo(10_005);
        assertThat(json.path("total").path("files").asInt()).isEqualTo(3);
        assertThat(json.path("total").path("binary").asInt()).isEqualTo(1);
        assertThat(json.path("total").path("ignored").asInt()).isEqualTo(1);
        assertThat(json.path("windows").get(0).path("window").asLong()).isEqualTo(200_000);
        assertThat(json.path("windows").get(0).path("percent").decimalValue()).isEqualByComparingTo("5.0");
        assertThat(json.path("windows").get(1).path("fits").asBoolean()).isTrue();
        assertThat(json.path("stats").path("read").asInt()).isEqualTo(4);
        assertThat(json.path("files")).hasSize(1);
        assertThat(json.path("files").get(0).path("path").asText()).isEqualTo(tree.resolve("big.txt").toString());
        assertThat(json.path("files").get(0).path("characters").asLong()).isEqualTo(40_000);
        assertThat(json.path("unreadable")).isEmpty();
    }

    @Test
    void tokens_secondRunWithAStore_opensNoFile_untilOneChanges() throws IOException {
        FakeStoreProvider store = new FakeStoreProvider();
        new CliRun(home).stores(store).run("tokens", tree.toString());

        JsonNode again = new ObjectMapper().readTree(new CliRun(home).stores(store).run("tokens", "--json",
                tree.toString()).out());
        Files.writeString(tree.resolve("small.md"), "changed, and longer than before\n");
        JsonNode changed = new ObjectMapper().readTree(new CliRun(home).stores(store).run("tokens", "--json",
                tree.toString()).out());

        assertThat(again.path("stats").path("read").asInt()).isZero();
        assertThat(again.path("stats").path("cached").asInt()).isEqualTo(4);
        assertThat(again.path("total").path("tokens").asLong()).isEqualTo(10_005);
        assertThat(changed.path("stats").path("read").asInt()).isEqualTo(1);
        assertThat(changed.path("total").path("tokens").asLong()).isEqualTo(10_002 + 8);
    }

    @Test
    void tokens_bpeTokenizer_isNamedAndCachedSeparately() throws IOException {
        FakeStoreProvider store = new FakeStoreProvider();
        new CliRun(home).stores(store).run("tokens", tree.toString());

        JsonNode json = new ObjectMapper().readTree(new CliRun(home).stores(store)
                .run("tokens", "--json", "--tokenizer", "cl100k", tree.resolve("small.md").toString()).out());

        assertThat(json.path("tokenizer").asText()).isEqualTo("cl100k_base");
        assertThat(json.path("stats").path("read").asInt()).isEqualTo(1);
        assertThat(json.path("total").path("tokens").asLong())
                .isEqualTo(BpeTokenizers.named("cl100k").count(Files.readString(tree.resolve("small.md"))));
    }

    @Test
    void tokens_storeCannotOpen_warnsOnceAndStillCounts() {
        FakeStoreProvider store = new FakeStoreProvider();
        store.createFailure = "store.db has schema version 99";

        CliRun.Result r = new CliRun(home).stores(store).run("tokens", tree.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("total: 10,005 tokens in 3 files");
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: warning: store fake-store not in use, counts are not remembered")
                .contains("schema version 99");
    }

    @Test
    void tokens_missingPath_exitsTwoWithOneLine() {
        CliRun.Result r = new CliRun(home).run("tokens", tree.toString(), home.resolve("nope").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly("llm-session: no such file or directory: " + home.resolve("nope"));
    }

    @Test
    void tokens_badOptions_areUsageErrors() {
        assertThat(new CliRun(home).run("tokens", "--top", "0", tree.toString()).code()).isEqualTo(2);
        CliRun.Result unknown = new CliRun(home).run("tokens", "--tokenizer", "gpt2", tree.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString().startsWith("llm-session: unknown tokenizer 'gpt2'");
        assertThat(new CliRun(home).run("tokens").code()).isEqualTo(2);
    }

    @Test
    void tokens_fifosDeviceLinksAndAHugeIgnoreFile_areReportedNeverOpened() throws Exception {
        Path repo = Files.createDirectories(home.resolve("repo"));
        Files.createDirectories(repo.resolve(".git/info"));
        fifo(repo.resolve(".git/info/exclude"));                  // git's own exclude file, as a FIFO
        Files.writeString(repo.resolve("ok.txt"), "abcdefgh");      // 2 tokens
        Path pipe = fifo(repo.resolve("pipe.txt"));
        Path zero = Files.createSymbolicLink(repo.resolve("zero.txt"), Path.of("/dev/zero"));
        fifo(Files.createDirectories(repo.resolve("a")).resolve(".gitignore"));
        Files.writeString(repo.resolve("a/one.txt"), "abcd");       // 1 token
        Files.createSymbolicLink(Files.createDirectories(repo.resolve("b")).resolve(".gitignore"), Path.of("/dev/zero"));
        Files.writeString(repo.resolve("b/two.txt"), "abcd");       // 1 token
        Path huge = Files.createDirectories(repo.resolve("c")).resolve(".gitignore");
        Files.writeString(huge, "#".repeat((8 << 20) + 1));

        CliRun.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> new CliRun(home).run("tokens", repo.toString(), pipe.toString(), zero.toString()));

        assertThat(r.code()).as(r.err()).isZero();
        // the oversized .gitignore gives no rules, yet is counted as a file like any other: (8 MiB + 1) / 4 tokens
        assertThat(r.out()).contains("total: 2,097,157 tokens in 4 files");
        assertThat(r.err().lines()).containsExactlyInAnyOrder(
                "llm-session: warning: cannot read " + huge + ": larger than 8388608 bytes",
                "llm-session: warning: cannot read " + pipe + ": not a regular file",
                "llm-session: warning: cannot read " + zero + ": not a regular file");
    }

    private static Path fifo(Path path) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
        return path;
    }
}
