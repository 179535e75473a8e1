package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.TeamReports;
import dev.llmsession.api.IndexedUsage;
import dev.llmsession.api.Refreshed;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.UsageView;
import dev.llmsession.error.UsageException;
import dev.llmsession.spi.TeamStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llm-session usage daily|weekly|monthly|session|blocks}: ccusage's reports from the persistent index.
 * Refreshes the index first (new and appended transcripts), then reads the store's summed slices.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = {"Token and cost reports like ccusage's, from the local index.",
            "REPORT: daily, weekly (ISO weeks from Monday), monthly, session, or blocks (5-hour billing windows)."})
public final class UsageCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "REPORT", description = "daily, weekly, monthly, session or blocks")
    String report;

    @Option(names = {"-s", "--since"}, paramLabel = "WHEN",
            description = "First day: " + WhenText.FORMS + " (the day it falls on).")
    String since;

    @Option(names = {"-u", "--until"}, paramLabel = "WHEN", description = "Last day (inclusive), in the same forms.")
    String until;

    @Option(names = {"-z", "--timezone"}, paramLabel = "ZONE",
            description = "Time zone of days, weeks and months (e.g. UTC, Asia/Tokyo, +05:30); default: the system's.")
    String timezone;

    @Option(names = "--project", paramLabel = "NAME", description = "Only this project (last element of the cwd).")
    String project;

    @Option(names = "--assistant", paramLabel = "ID", description = "Only this assistant's calls (claude-code).")
    String assistant;

    @Option(names = {"-b", "--breakdown"}, description = "One line per model under each row.")
    boolean breakdown;

    // No -o: that is --output, as in export.
    @Option(names = "--order", paramLabel = "asc|desc", description = "Oldest first (asc, default) or newest first.")
    String order;

    @Option(names = {"-t", "--token-limit"}, paramLabel = "N|max",
            description = "blocks: mark the active block against N tokens, or the largest past block (max).")
    String tokenLimit;

    @Option(names = "--no-refresh",
            description = "Report from the index as the last run left it, without reading new or appended transcripts.")
    boolean noRefresh;

    @Option(names = "--team", description = "Every machine's usage from the team database (docs/team.md).")
    boolean team;

    @Option(names = "--by", paramLabel = "user|machine|project",
            description = "With --team: also one report per user, machine or project.")
    String by;

    private final Provider<CliConfig> config;
    private final TeamAccess teamAccess;

    @Inject
    UsageCommand(Provider<LlmSessions> sessions, CliEnvironment environment, Provider<CliConfig> config,
            TeamAccess teamAccess) {
        super(sessions, environment);
        this.config = config;
        this.teamAccess = teamAccess;
    }

    @Override
    public Integer call() {
        UsageKind kind = kind(report);
        ZoneId zone = WhenText.zone(timezone, environment());
        java.time.Instant now = environment().clock().instant();
        UsageRequest request = new UsageRequest(kind,
                Optional.ofNullable(since).map(t -> WhenText.day("--since", t, now, zone)),
                Optional.ofNullable(until).map(t -> WhenText.day("--until", t, now, zone)), zone,
                nonBlank(project), nonBlank(assistant), descending(order),
                config.get().prices(), limit(tokenLimit, kind));
        Optional<TeamReports.By> split = by(by);
        if (team) {
            return team(request, split);
        }
        if (split.isPresent()) {
            throw new UsageException("--by applies to the team's reports only: add --team");
        }
        LlmSessions lib = sessions();
        Optional<IndexedUsage> usage = lib.usage();
        if (usage.isEmpty()) {
            err().println("llm-session: usage needs the store, and none is active (llm-session providers says why)");
            err().flush();
            return 1;
        }
        UsageReport result;
        if (noRefresh) {
            result = usage.get().report(request);
        } else {
            Refreshed<UsageReport> refreshed = usage.get().refreshAndReport(request);
            warn(refreshed.warnings());
            result = refreshed.value();
        }
        if (global.json()) {
            ObjectNode json = UsageView.json(result);
            if (kind == UsageKind.BLOCKS) {
                // Beside ccusage's fields: the official figures, when Claude Code's status line reported them.
                json.set("officialLimits", SessionJson.planLimits(lib.planLimits(result.at())));
            }
            printJson(json);
        } else if (result.totals().calls() == 0) {
            print(List.of("No usage in the index" + (since != null || until != null ? " for these dates" : "")
                    + ". `llm-session doctor` shows where transcripts were looked for."));
        } else {
            print(lines(result));
            if (kind == UsageKind.BLOCKS) {
                printOfficialLimits(result.at());
            }
        }
        return 0;
    }

    private List<String> lines(UsageReport result) {
        return result.kind() == UsageKind.BLOCKS ? UsageView.blocksTable(result, breakdown, result.at(), terminal())
                : UsageView.table(result, breakdown, terminal());
    }

    /**
     * The team's report: the whole team in ccusage's shape (so tools built on it read it unchanged), then with
     * {@code --by} one report per user, machine or project under {@code groups}.
     */
    private int team(UsageRequest request, Optional<TeamReports.By> split) {
        List<TeamReports.Group> groups;
        try (TeamStore store = teamAccess.open()) {
            groups = new TeamReports(store, sessions().health(), environment().clock()).usage(request, split);
        }
        UsageReport whole = groups.get(0).report();
        if (global.json()) {
            ObjectNode n = UsageView.json(whole);
            if (split.isPresent()) {
                n.put("by", split.get().label());
                ArrayNode array = n.putArray("groups");
                for (TeamReports.Group g : groups.subList(1, groups.size())) {
                    ObjectNode element = array.addObject();
                    element.put(split.get().label(), g.group().orElseThrow());
                    element.setAll(UsageView.json(g.report()));
                }
            }
            printJson(n);
            return 0;
        }
        if (whole.totals().calls() == 0) {
            print(List.of("No usage in the team database" + (since != null || until != null ? " for these dates" : "")
                    + ". `llm-session team status` shows what this machine has not pushed yet."));
            return 0;
        }
        List<String> out = new ArrayList<>(lines(whole));
        for (TeamReports.Group g : groups.subList(1, groups.size())) {
            out.add("");
            out.add(split.orElseThrow().label() + " " + g.group().orElseThrow() + ":");
            out.addAll(lines(g.report()));
        }
        print(out);
        return 0;
    }

    static Optional<TeamReports.By> by(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TeamReports.By.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --by '" + text + "': expected user, machine or project");
        }
    }

    static UsageKind kind(String text) {
        try {
            return UsageKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown report '" + text + "': expected daily, weekly, monthly, session or blocks");
        }
    }

    static boolean descending(String text) {
        if (text == null || text.equalsIgnoreCase("asc")) {
            return false;
        }
        if (text.equalsIgnoreCase("desc")) {
            return true;
        }
        throw new UsageException("invalid --order '" + text + "': expected asc or desc");
    }

    static Optional<UsageRequest.TokenLimit> limit(String text, UsageKind kind) {
        if (text == null) {
            return Optional.empty();
        }
        if (kind != UsageKind.BLOCKS) {
            throw new UsageException("--token-limit applies to the blocks report only");
        }
        if (text.strip().equalsIgnoreCase("max")) {
            return Optional.of(new UsageRequest.TokenLimit(0, true));
        }
        try {
            return Optional.of(new UsageRequest.TokenLimit(Long.parseLong(text.strip().replace("_", "")
                    .replace(",", "")), false));
        } catch (NumberFormatException e) {
            throw new UsageException("invalid --token-limit '" + text + "': expected a number of tokens or max");
        }
    }

    private static Optional<String> nonBlank(String s) {
        return Optional.ofNullable(s).map(String::strip).filter(v -> !v.isEmpty());
    }
}
