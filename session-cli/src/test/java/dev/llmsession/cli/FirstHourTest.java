package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.ProviderSource;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, "the first hour": what a new user meets in the first commands they type. */
final class FirstHourTest {
    @TempDir
    Path home;

    /** Item 1: the terminal's own width wins over COLUMNS (which shells do not export), and COLUMNS over 80. */
    @Test
    void width_comesFromTheTerminalThenColumnsThen80() {
        CliEnvironment asked = new CliEnvironment(Map.of("COLUMNS", "60"), home, Fixtures.CLOCK, false,
                ProviderSource.explicit(List.of(), List.of(), List.of()), () -> 120);
        CliEnvironment columns = new CliEnvironment(Map.of("COLUMNS", "60"), home, Fixtures.CLOCK, false,
                ProviderSource.explicit(List.of(), List.of(), List.of()));
        CliEnvironment neither = new CliEnvironment(Map.of("COLUMNS", "wide"), home, Fixtures.CLOCK, false,
                ProviderSource.explicit(List.of(), List.of(), List.of()));

        assertThat(asked.width(80)).isEqualTo(120);
        assertThat(columns.width(80)).isEqualTo(60);
        assertThat(neither.width(80)).isEqualTo(80);
    }

    /** Item 1: a 120-column terminal gets a 120-column table, with DURATION and TOKENS. */
    @Test
    void list_atTheTerminalsWidth_showsTheColumnsThatFit() {
        StringWriter out = new StringWriter();
        CliEnvironment env = new CliEnvironment(Map.of(), home, Fixtures.CLOCK, false,
                ProviderSource.explicit(List.of(FakeDiscoveryProvider.claude(Fixtures.all())),
                        List.of(new FakeHostProbeProvider()), List.of()), () -> 120);

        int code = Main.run(env, new PrintWriter(out), new PrintWriter(new StringWriter()), "list", "--all");

        assertThat(code).isZero();
        assertThat(out.toString().lines().findFirst().orElseThrow()).contains("DURATION", "TOKENS");
        assertThat(out.toString().lines()).allMatch(l -> l.length() <= 120);
    }

    /** Item 2: at 60 columns every status is whole and distinct, and the abbreviations have a legend. */
    @Test
    void list_at60Columns_statusIsNeverCut() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "60").discoveries(FakeDiscoveryProvider.claude(List.of(
                state(Fixtures.waiting(), ActivityState.WAITING_PERMISSION, "aaaa0001"),
                state(Fixtures.waiting(), ActivityState.WAITING_INPUT, "aaaa0002"),
                state(Fixtures.waiting(), ActivityState.WORKING, "aaaa0003"),
                state(Fixtures.waiting(), ActivityState.ERRORED, "aaaa0004"),
                state(Fixtures.waiting(), ActivityState.COMPACTING, "aaaa0005")))).run("list");

        assertThat(r.code()).isZero();
        List<String> rows = r.outLines().subList(1, 6);
        assertThat(rows).allMatch(l -> l.length() <= 60);
        assertThat(rows.stream().map(l -> l.split("\\s+")[1]))
                .containsExactly("!perm", "input", "working", "!error", "compact");
        assertThat(r.out()).contains("! = needs you", "perm = waiting for permission", "input = waiting for input",
                "compact = compacting the context");
    }

    /** Item 3: ids that share their first 12 characters show as long as it takes, and each resolves back. */
    @Test
    void list_idsSharingA12CharPrefix_areLengthenedUntilUnique() {
        Session a = renamed(Fixtures.waiting(), new SessionId("codex", "019c8a1f-0000-7000-8000-000000000001"));
        Session b = renamed(Fixtures.waiting(), new SessionId("codex", "019c8a7e-0000-7000-8000-000000000002"));
        CliRun run = new CliRun(home).env("COLUMNS", "100").discoveries(FakeDiscoveryProvider.claude(List.of(a, b)));

        CliRun.Result list = run.run("list");

        assertThat(list.out()).contains("codex_019c8a1 ", "codex_019c8a7 ").doesNotContain("codex_019c8a ");
        CliRun.Result health = run.run("health", "codex_019c8a7");
        assertThat(health.code()).as(health.err()).isZero();
        assertThat(health.out()).startsWith("Session codex_019c8a7e-0000-7000-8000-000000000002");
    }

    /** Item 4: --since takes the same forms in list, history and usage; -o is --output only. */
    @Test
    void since_sameGrammarEverywhere_andOMeansOutputOnly() {
        CliRun run = new CliRun(home);
        assertThat(run.run("list", "--since", "2026-02-12").code()).isZero();
        assertThat(run.run("list", "--since", "20260212").code()).isZero();
        assertThat(run.run("list", "--since", "7d").code()).isZero();
        assertThat(run.run("list", "--since", "2026-02-12T16:00:00Z").code()).isZero();
        CliRun.Result bad = run.run("list", "--since", "yesterday");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("2h, 30m, 7d, a day like 2026-02-01 or 20260201");
        // usage has no store here, so it gets past parsing to "needs the store" (1), never a usage error (2)
        assertThat(run.run("usage", "daily", "--since", "7d").code()).isEqualTo(1);
        assertThat(run.run("usage", "daily", "--since", "2026-02-01T00:00:00Z").code()).isEqualTo(1);
        CliRun.Result order = run.run("usage", "daily", "-o", "desc");
        assertThat(order.code()).isEqualTo(2);
        assertThat(order.err()).contains("-o");
    }

    /** Item 5: config init writes the commented defaults once, show names the line each value comes from. */
    @Test
    void config_initShowPath() throws Exception {
        CliRun run = new CliRun(home);
        Path file = home.resolve(".config/llm-session/config.yaml");

        assertThat(run.run("config", "path").out().strip()).isEqualTo(file.toString());
        CliRun.Result before = run.run("config", "show");
        assertThat(before.out()).contains("not there: defaults").containsPattern("health.repeatedErrors +3 +default");
        assertThat(run.run("config", "init").code()).isZero();
        String written = java.nio.file.Files.readString(file);
        assertThat(written).startsWith("# llm-session configuration").contains("repeatedErrors: 3");
        CliRun.Result again = run.run("config", "init");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
        assertThat(java.nio.file.Files.readString(file)).isEqualTo(written);

        java.nio.file.Files.writeString(file, written.replace("repeatedErrors: 3", "repeatedErrors: 5"));
        CliRun.Result after = run.run("config", "show", "--data-dir", home.resolve("d").toString());
        assertThat(after.out()).containsPattern("health.repeatedErrors +5 +config.yaml:19")
                .containsPattern("health.waitingGrace +10m +config.yaml:15")
                .containsPattern("store.dir +" + java.util.regex.Pattern.quote(home.resolve("d").toString())
                        + " +--data-dir");
        CliRun.Result json = run.run("config", "show", "--json");
        assertThat(json.out()).contains("\"health.repeatedErrors\" : {", "\"from\" : \"config.yaml:19\"");
    }

    /** Item 5: completion scripts come from the command model: every command, the later ones too. */
    @Test
    void completion_bashZshFish_coverEveryCommand() {
        CliRun run = new CliRun(home);
        CliRun.Result bash = run.run("completion", "bash");
        CliRun.Result zsh = run.run("completion", "zsh");
        CliRun.Result fish = run.run("completion", "fish");

        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F", "config", "completion", "--since");
        assertThat(zsh.out()).contains("bashcompinit");
        assertThat(fish.out()).contains("complete -c llm-session -n '__fish_use_subcommand' -a list",
                "-n '__fish_seen_subcommand_from list' -l since -r",
                "-n '__fish_seen_subcommand_from config' -a init");
        assertThat(run.run("completion", "tcsh").code()).isEqualTo(2);
    }

    /** Item 7: list --limit keeps the first N rows; history dates each row. */
    @Test
    void list_limit_and_history_dates() {
        CliRun.Result limited = new CliRun(home).env("COLUMNS", "140").run("list", "--all", "--limit", "2");
        assertThat(limited.code()).isZero();
        assertThat(limited.outLines().stream().filter(l -> l.startsWith("claude_"))).hasSize(2);
        assertThat(new CliRun(home).run("list", "--all", "--limit", "0").code()).isEqualTo(2);

        CliRun.Result history = new CliRun(home).env("COLUMNS", "140").stores(new FakeStoreProvider())
                .run("history");
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.outLines().get(0)).contains("LAST ACTIVE");
        assertThat(history.out()).containsPattern("claude_4d561 .* 2026-02-12 17:57 ");
    }

    /** Item 7: monitor --once fits 80 columns, recommendations and warnings wrapped rather than overflowing. */
    @Test
    void monitorOnce_fits80Columns() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "80").run("monitor", "--once");

        assertThat(r.code()).isZero();
        assertThat(r.outLines()).isNotEmpty()
                .allMatch(l -> dev.llmsession.cli.render.TextWidth.of(l) <= 80, "at most 80 columns");
    }

    static Session state(Session s, ActivityState state, String idStart) {
        return new Session(new SessionId("claude", idStart + "-0000-4000-8000-000000000000"), s.assistant(),
                s.pid(), Activity.of(state, "test"), s.cwd(), s.gitBranch(), s.title(), s.model(), s.startedAt(),
                s.lastActivityAt(), s.tokens(), s.context(), s.cost(), s.errors(), s.quality(), s.sources());
    }

    static Session renamed(Session s, SessionId id) {
        return new Session(id, s.assistant(), s.pid(), s.activity(), s.cwd(), s.gitBranch(), s.title(), s.model(),
                s.startedAt(), s.lastActivityAt(), s.tokens(), s.context(), s.cost(), s.errors(), s.quality(),
                s.sources());
    }
}
