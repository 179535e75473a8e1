package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: {@code --verbose} tells our own phases and timings, not third-party debug (OSHI read /proc 715 times). */
final class VerboseIT {
    @TempDir
    Path tmp;

    @Test
    void verbose_showsOurPhasesAndTimings_andNoThirdPartyDebug() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve(".claude/projects")); // an active Claude Code adapter, no sessions

        JarRun r = JarRun.run(home, tmp, 60, "--verbose", "list", "--all");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("process table read in", "discovery claude-code:", "whole refresh",
                "exit 0 after");
        // Before: OSHI's debug of every /proc file it read, 715 lines of a run like this one.
        assertThat(r.err()).doesNotContain("/proc/");
        assertThat(r.err().lines().filter(l -> l.contains("[DEBUG]")).count()).isLessThan(40);
    }
}
