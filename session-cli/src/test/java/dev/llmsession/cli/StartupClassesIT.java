package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command loads only what it uses (issue 13): the packaged jar's {@code --version}, run in-process, creates no
 * injector and loads neither Jackson, JDBI nor SQLite, which a command that opens the store does load.
 */
final class StartupClassesIT {
    @TempDir
    Path home;
    @TempDir
    Path scratch;

    @Test
    void version_createsNoInjector_readsNoJson_opensNoStore() throws Exception {
        Path log = scratch.resolve("version-classes.txt");

        JarRun run = JarRun.run(List.of("-Xlog:class+load=info:file=" + log), home, scratch, 60, "--no-daemon",
                "--version");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("llm-session ");
        assertThat(Files.readString(log)).contains("dev.llmsession.cli.Main ")
                .doesNotContain("com.google.inject.internal.InjectorImpl", "com.fasterxml.jackson", "org.jdbi",
                        "org.sqlite");
    }

    @Test
    void list_loadsTheStore_theCheckAboveCanSeeIt() throws Exception {
        Path log = scratch.resolve("list-classes.txt");

        JarRun run = JarRun.run(List.of("-Xlog:class+load=info:file=" + log), home, scratch, 60, "--no-daemon",
                "list");

        assertThat(run.code()).isZero();
        assertThat(Files.readString(log)).contains("com.google.inject.internal.InjectorImpl", "org.jdbi",
                "org.sqlite");
    }

    @Test
    void list_onAStoreThatExists_runsNoSqlLexerAndNoFileCountCache() throws Exception {
        JarRun first = JarRun.run(List.of(), home, scratch, 60, "--no-daemon", "list");
        assertThat(first.code()).isZero();
        Path log = scratch.resolve("list-again-classes.txt");

        JarRun again = JarRun.run(List.of("-Xlog:class+load=info:file=" + log), home, scratch, 60, "--no-daemon",
                "list");

        assertThat(again.code()).isZero();
        // the store's statements are read by PlainSql; token estimates (Caffeine's map) are not a list's business
        assertThat(Files.readString(log)).contains("org.jdbi", "dev.llmsession.storage.sqlite.PlainSql")
                .doesNotContain("org.jdbi.v3.core.internal.lexer", "com.github.benmanes.caffeine");
    }
}
