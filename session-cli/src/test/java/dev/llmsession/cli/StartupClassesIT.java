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
        JarRun run = runLoggingClasses("version", "--no-daemon", "--version");

        assertThat(run.out()).startsWith("llm-session ");
        assertThat(classesLoaded("version")).contains("dev.llmsession.cli.Main ")
                .doesNotContain("com.google.inject.internal.InjectorImpl", "com.fasterxml.jackson", "org.jdbi",
                        "org.sqlite");
    }

    @Test
    void list_loadsTheStore_theCheckAboveCanSeeIt() throws Exception {
        runLoggingClasses("list", "--no-daemon", "list");

        assertThat(classesLoaded("list")).contains("com.google.inject.internal.InjectorImpl", "org.jdbi",
                "org.sqlite");
    }

    @Test
    void list_onAStoreThatExists_runsNoSqlLexerAndNoFileCountCache() throws Exception {
        JarRun first = JarRun.run(List.of(), home, scratch, 60, "--no-daemon", "list");
        assertThat(first.code()).isZero();

        runLoggingClasses("list-again", "--no-daemon", "list");

        // the store's statements are read by PlainSql; token estimates (Caffeine's map) are not a list's business
        assertThat(classesLoaded("list-again")).contains("org.jdbi", "dev.llmsession.storage.sqlite.PlainSql")
                .doesNotContain("org.jdbi.v3.core.internal.lexer", "com.github.benmanes.caffeine");
    }

    /** Runs the packaged jar on {@code args}, logging each class it loads under {@code name}; it must succeed. */
    private JarRun runLoggingClasses(String name, String... args) throws Exception {
        JarRun run = JarRun.run(List.of("-Xlog:class+load=info:file=" + classLog(name)), home, scratch, 60, args);
        assertThat(run.code()).as(run.err()).isZero();
        return run;
    }

    private String classesLoaded(String name) throws Exception {
        return Files.readString(classLog(name));
    }

    private Path classLog(String name) {
        return scratch.resolve(name + "-classes.txt");
    }
}
