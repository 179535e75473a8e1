package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
    @TempDir
    Path home;

    @Test
    void run_help_printsUsageAndExitsZero() {
        CliRun.Result r = new CliRun(home).run("--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: llm-session", "list", "health", "providers", "doctor", "--json",
                "--no-color", "--ascii", "--verbose", "--config");
        assertThat(r.out()).doesNotContain("\u001b");
    }

    @Test
    void run_subcommandHelp_exitsZero() {
        CliRun.Result r = new CliRun(home).run("list", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--since", "--sort", "--assistant", "--all");
    }

    @Test
    void run_version_exitsZero() {
        CliRun.Result r = new CliRun(home).run("--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("llm-session ");
    }

    @Test
    void run_noCommand_printsAnOverviewOfEveryCommand() {
        CliRun.Result r = new CliRun(home).run();

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("ps for AI coding sessions")
                .contains("  list ", "  monitor ", "  config ", "  completion ", "llm-session COMMAND --help");
        assertThat(r.outLines()).allMatch(l -> l.length() <= 80);
    }

    @Test
    void run_unknownFlag_isUsageErrorWithOneLine() {
        CliRun.Result r = new CliRun(home).run("list", "--bogus");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-session: Unknown option: '--bogus' (see 'llm-session list --help')"
                + System.lineSeparator());
    }

    @Test
    void run_unknownCommand_isUsageError() {
        CliRun.Result r = new CliRun(home).run("lsit");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: unknown command 'lsit'; did you mean 'list'");
    }

    @Test
    void run_mistypedOption_suggestsTheNearestOne() {
        CliRun.Result r = new CliRun(home).run("list", "--sicne", "2h");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("did you mean '--since'?");
    }

    @Test
    void run_providerCreateFails_listStillRunsAndProvidersSaysWhy() {
        CliRun.Result list = new CliRun(home).discoveries(FakeDiscoveryProvider.failingCreate("adapter exploded"))
                .run("list");
        CliRun.Result providers = new CliRun(home).discoveries(FakeDiscoveryProvider.failingCreate("adapter exploded"))
                .run("providers");

        assertThat(list.code()).isZero();
        assertThat(providers.code()).isZero();
        assertThat(providers.out()).contains("claude-code", "create() failed: adapter");
    }

    @Test
    void run_providerFailsUnexpectedly_exitsOneWithOneLineAndNoStackTrace() {
        CliRun.Result r = new CliRun(home).discoveries(FakeDiscoveryProvider.brokenClassPath("com/example/Gone"))
                .run("list");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: ").contains("com/example/Gone").endsWith("(--verbose shows the stack trace)");
    }

    @Test
    void run_providerFailsUnexpectedlyVerbose_printsStackTrace() {
        CliRun.Result r = new CliRun(home).discoveries(FakeDiscoveryProvider.brokenClassPath("com/example/Gone"))
                .run("--verbose", "list");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().findFirst()).get().asString().startsWith("llm-session: ").contains("com/example/Gone");
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void run_usageErrorVerbose_stillExitsTwo() {
        CliRun.Result r = new CliRun(home).run("--verbose", "health", "nothing-like-it");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("llm-session: no session matches 'nothing-like-it'");
    }

    @Test
    void run_envSeam_passesEnvironmentVariables() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new PrintWriter(out), new PrintWriter(err), Map.of("COLUMNS", "100", "NO_COLOR", "1"),
                "--version");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("llm-session ");
    }

    @Test
    void opensStore_theListingsAndReports_notTheirHelpNorOtherCommands() {
        assertThat(Main.opensStore(java.util.List.of("list"))).isTrue();
        assertThat(Main.opensStore(java.util.List.of("--no-daemon", "--data-dir", "list", "usage", "daily"))).isTrue();
        assertThat(Main.opensStore(java.util.List.of("--verbose", "health", "--json"))).isTrue();
        assertThat(Main.opensStore(java.util.List.of("list", "--help"))).isFalse();
        assertThat(Main.opensStore(java.util.List.of("--version"))).isFalse();
        assertThat(Main.opensStore(java.util.List.of("completion", "bash"))).isFalse();
        assertThat(Main.opensStore(java.util.List.of("--", "list"))).isFalse();
        assertThat(Main.opensStore(java.util.List.of())).isFalse();
    }
}
