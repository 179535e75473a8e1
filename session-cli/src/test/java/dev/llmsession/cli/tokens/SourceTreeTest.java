package dev.llmsession.cli.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SourceTreeTest {
    @TempDir
    Path dir;

    @TempDir
    Path home;

    /** A home with no git configuration: the developer's own excludes never reach these tests. */
    private GitExcludes noUserExcludes;

    @org.junit.jupiter.api.BeforeEach
    void emptyHome() {
        noUserExcludes = new GitExcludes(java.util.Map.of(), home);
    }

    /** Issue 16: git's other two ignore files, .git/info/exclude and core.excludesFile, below every .gitignore. */
    @Test
    void list_repository_readsInfoExcludeAndTheUsersExcludesFile() throws IOException {
        Files.createDirectories(dir.resolve(".git/info"));
        write(".git/info/exclude", "*.secret\n!c.bak\n");
        write(".git/config", "[core]\n\tbare = false\n");
        Files.writeString(home.resolve(".gitconfig"), "[user]\n  name = x\n[core]\n  excludesFile = ~/my-ignore\n");
        Files.writeString(home.resolve("my-ignore"), "*.bak\n");
        write(".gitignore", "!important.bak\n");
        write("a.secret", "x");
        write("b.bak", "x");
        write("c.bak", "kept: info/exclude outranks the user's excludes file");
        write("important.bak", "kept: .gitignore outranks the user's excludes file");
        write("src/Main.java", "class Main {}");

        assertThat(files(dir)).containsExactlyInAnyOrder(".gitignore", "c.bak", "important.bak", "src/Main.java");
    }

    private void write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private List<String> files(Path... roots) {
        return SourceTree.list(List.of(roots), noUserExcludes).files().stream()
                .map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
    }

    @Test
    void list_repository_honoursNestedIgnoreFilesAndSkipsGit() throws IOException {
        Files.createDirectories(dir.resolve(".git/objects"));
        write(".git/HEAD", "ref: refs/heads/main\n");
        write(".gitignore", "# build output\ntarget/\n*.log\n/local.txt\ndocs/*.md\n");
        write("local.txt", "x");
        write("src/local.txt", "kept: the rule is anchored at the root");
        write("src/Main.java", "class Main {}");
        write("src/run.log", "x");
        write("target/Main.class", "x");
        write("lib/target/x.txt", "x");
        write("docs/a.md", "x");
        write("docs/sub/b.md", "kept: * does not cross /");
        write("sub/.gitignore", "!keep.log\n*.tmp\n");
        write("sub/keep.log", "re-included by the deeper file");
        write("sub/other.log", "x");
        write("sub/x.tmp", "x");
        write("x.tmp", "kept: sub's rules do not apply above sub");

        SourceTree.Listing listing = SourceTree.list(List.of(dir), noUserExcludes);

        assertThat(listing.files().stream().map(p -> dir.relativize(p).toString().replace('\\', '/')))
                .containsExactly(".gitignore", "docs/sub/b.md", "src/Main.java", "src/local.txt", "sub/.gitignore",
                        "sub/keep.log", "x.tmp");
        assertThat(listing.ignored()).isEqualTo(7);
        assertThat(listing.problems()).isEmpty();
    }

    @Test
    void list_ignoredDirectory_isNotEnteredSoNegationInsideCannotReinclude() throws IOException {
        write(".gitignore", "out/\n!out/keep.txt\n");
        write("out/keep.txt", "x");
        write("a.txt", "x");

        assertThat(files(dir)).containsExactly(".gitignore", "a.txt");
    }

    @Test
    void list_subdirectoryOfRepository_appliesTheIgnoreFilesAbove() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        write(".gitignore", "*.gen.java\n/module/skip/\n");
        write("module/A.java", "x");
        write("module/A.gen.java", "x");
        write("module/skip/B.java", "x");

        assertThat(files(dir.resolve("module"))).containsExactly("module/A.java");
    }

    @Test
    void list_namedFile_isCountedEvenWhenIgnored_andOnlyOnce() throws IOException {
        write(".gitignore", "*.log\n");
        write("a.log", "x");
        write("b.txt", "x");

        assertThat(files(dir.resolve("a.log"), dir, dir.resolve("b.txt"))).containsExactly("a.log", ".gitignore",
                "b.txt");
    }

    @Test
    void list_symbolicLinks_areNotFollowed() throws IOException {
        write("real/a.txt", "x");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("a-link.txt"), dir.resolve("real/a.txt"));

        SourceTree.Listing listing = SourceTree.list(List.of(dir), noUserExcludes);

        assertThat(listing.files()).containsExactly(dir.resolve("real/a.txt"));
        assertThat(listing.links()).isEqualTo(2);
    }

    @Test
    void list_missingArgument_isAUsageErrorBeforeAnyWalk() {
        assertThatThrownBy(() -> SourceTree.list(List.of(dir, dir.resolve("nope")), noUserExcludes))
                .isInstanceOfSatisfying(UsageException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessage("no such file or directory: " + dir.resolve("nope"));
    }
}
