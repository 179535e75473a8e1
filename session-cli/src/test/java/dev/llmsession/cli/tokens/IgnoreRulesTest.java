package dev.llmsession.cli.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.cli.tokens.IgnoreRules.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

final class IgnoreRulesTest {

    private static IgnoreRules rules(String... lines) {
        return IgnoreRules.parse(List.of(lines));
    }

    private static boolean ignored(IgnoreRules r, String path) {
        return r.match(path, false) == Verdict.IGNORED;
    }

    /** git's wildmatch knows POSIX classes; JGit's FastIgnoreRule did and we did not (the one difference found). */
    @Test
    void match_posixCharacterClasses() {
        IgnoreRules r = rules("[[:digit:]]x", "[![:alpha:]]?.tmp");

        assertThat(ignored(r, "1x")).isTrue();
        assertThat(ignored(r, "ax")).isFalse();
        assertThat(ignored(r, "9z.tmp")).isTrue();
        assertThat(ignored(r, "az.tmp")).isFalse();
    }

    @Test
    void match_nameWithoutSlash_matchesAtAnyDepth() {
        IgnoreRules r = rules("*.log");

        assertThat(ignored(r, "a.log")).isTrue();
        assertThat(ignored(r, "deep/er/b.log")).isTrue();
        assertThat(ignored(r, "a.logx")).isFalse();
        assertThat(ignored(r, "log")).isFalse();
    }

    @Test
    void match_leadingSlash_anchorsToTheIgnoreFilesDirectory() {
        IgnoreRules r = rules("/build");

        assertThat(r.match("build", true)).isEqualTo(Verdict.IGNORED);
        assertThat(r.match("sub/build", true)).isEqualTo(Verdict.NONE);
    }

    @Test
    void match_slashInTheMiddle_anchorsAndStarStopsAtSlash() {
        IgnoreRules r = rules("doc/*.txt");

        assertThat(ignored(r, "doc/a.txt")).isTrue();
        assertThat(ignored(r, "doc/sub/a.txt")).isFalse();
        assertThat(ignored(r, "x/doc/a.txt")).isFalse();
    }

    @Test
    void match_trailingSlash_matchesDirectoriesOnly() {
        IgnoreRules r = rules("target/");

        assertThat(r.match("target", true)).isEqualTo(Verdict.IGNORED);
        assertThat(r.match("m/target", true)).isEqualTo(Verdict.IGNORED);
        assertThat(r.match("target", false)).isEqualTo(Verdict.NONE);
    }

    @Test
    void match_negation_lastMatchingRuleWins() {
        IgnoreRules r = rules("*.log", "!keep.log", "secret/keep.log");

        assertThat(r.match("a.log", false)).isEqualTo(Verdict.IGNORED);
        assertThat(r.match("x/keep.log", false)).isEqualTo(Verdict.KEPT);
        assertThat(r.match("secret/keep.log", false)).isEqualTo(Verdict.IGNORED);
    }

    @Test
    void match_doubleStar_inItsThreePositions() {
        IgnoreRules leading = rules("**/gen");
        IgnoreRules middle = rules("a/**/b");
        IgnoreRules trailing = rules("out/**");

        assertThat(leading.match("gen", true)).isEqualTo(Verdict.IGNORED);
        assertThat(leading.match("x/y/gen", true)).isEqualTo(Verdict.IGNORED);
        assertThat(ignored(middle, "a/b")).isTrue();
        assertThat(ignored(middle, "a/x/y/b")).isTrue();
        assertThat(ignored(middle, "a/xb")).isFalse();
        assertThat(ignored(trailing, "out/x")).isTrue();
        assertThat(ignored(trailing, "out/x/y.txt")).isTrue();
        assertThat(trailing.match("out", true)).as("the directory itself is not matched").isEqualTo(Verdict.NONE);
    }

    @Test
    void match_questionMarkAndClasses() {
        IgnoreRules r = rules("file?.txt", "[a-c].md", "[!x]y");

        assertThat(ignored(r, "file1.txt")).isTrue();
        assertThat(ignored(r, "file12.txt")).isFalse();
        assertThat(ignored(r, "file/.txt")).isFalse();
        assertThat(ignored(r, "b.md")).isTrue();
        assertThat(ignored(r, "d.md")).isFalse();
        assertThat(ignored(r, "zy")).isTrue();
        assertThat(ignored(r, "xy")).isFalse();
    }

    @Test
    void parse_commentsBlanksEscapesAndTrailingSpaces() {
        IgnoreRules r = rules("# a comment", "", "   ", "\\#hash", "\\!bang", "spaced   ", "kept\\ ", "a+b(c).txt");

        assertThat(ignored(r, "# a comment")).isFalse();
        assertThat(ignored(r, "#hash")).isTrue();
        assertThat(ignored(r, "!bang")).isTrue();
        assertThat(ignored(r, "spaced")).isTrue();
        assertThat(ignored(r, "kept ")).isTrue();
        assertThat(ignored(r, "a+b(c).txt")).isTrue();
        assertThat(ignored(r, "aab(c).txt")).as("regex characters are literal").isFalse();
    }

    @Test
    void match_noRule_isNone() {
        assertThat(rules().match("anything", false)).isEqualTo(Verdict.NONE);
        assertThat(rules("# only a comment").isEmpty()).isTrue();
    }
}
