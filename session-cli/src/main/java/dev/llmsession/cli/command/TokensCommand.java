package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.FileEstimate;
import dev.llmsession.api.FileTokens;
import dev.llmsession.api.Formats;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.tokens.BpeTokenizers;
import dev.llmsession.cli.tokens.SourceTree;
import dev.llmsession.error.UsageException;
import dev.llmsession.spi.Tokenizer;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llm-session tokens PATH...}: how many tokens files and trees would take in a context window. Directories
 * are walked as git would see them ({@code .gitignore}), binaries are skipped, and each file version is counted
 * once: a re-run over an unchanged tree answers from the store's cache without opening a file.
 */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Token estimate of files and directories (honours .gitignore, skips binaries, cached).")
public final class TokensCommand extends BaseCommand {
    /** A context window the total is compared with. */
    record Window(long tokens, String label) {
    }

    /** Claude's standard window and the 1M-token one. */
    static final List<Window> WINDOWS = List.of(new Window(200_000, "200k"), new Window(1_000_000, "1M"));

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and directories to count.")
    List<Path> paths;

    @Option(names = "--tokenizer", paramLabel = "NAME",
            description = "Count exactly with a byte-pair encoding: o200k or cl100k (default: 4 characters a token).")
    String tokenizer;

    @Option(names = "--top", paramLabel = "N", description = "Only the N largest files.")
    Integer top;

    @Inject
    TokensCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    /** What one run counted. */
    record Report(String tokenizer, List<FileEstimate> estimates, SourceTree.Listing listing) {
        List<FileEstimate> text() {
            return estimates.stream().filter(e -> e.kind() == FileEstimate.Kind.TEXT).toList();
        }

        long tokens() {
            return text().stream().mapToLong(FileEstimate::tokens).sum();
        }

        long count(FileEstimate.Kind kind) {
            return estimates.stream().filter(e -> e.kind() == kind).count();
        }

        long read() {
            return estimates.stream().filter(e -> e.kind() != FileEstimate.Kind.UNREADABLE && !e.cached()).count();
        }

        long cached() {
            return estimates.stream().filter(FileEstimate::cached).count();
        }

        List<SourceTree.Problem> problems() {
            List<SourceTree.Problem> all = new ArrayList<>(listing.problems());
            estimates.stream().filter(e -> e.kind() == FileEstimate.Kind.UNREADABLE)
                    .forEach(e -> all.add(new SourceTree.Problem(e.path(), e.problem().orElse("unreadable"))));
            return all;
        }
    }

    @Override
    public Integer call() {
        if (top != null && top < 1) {
            throw new UsageException("--top must be at least 1, not " + top);
        }
        Tokenizer chosen = tokenizer == null ? null : BpeTokenizers.named(tokenizer);
        SourceTree.Listing listing = SourceTree.list(paths,
                new dev.llmsession.cli.tokens.GitExcludes(environment().env(), environment().userHome()));
        LlmSessions lib = sessions();
        FileTokens counter = chosen == null ? lib.fileTokens() : lib.fileTokens(chosen);
        if (!lib.storeInUse()) {
            // Counting still works, but nothing is remembered for the next run: say why once.
            lib.providers().stream()
                    .filter(p -> p.port().equals("SessionStore") && p.reason().isPresent())
                    .findFirst()
                    .ifPresent(p -> warn(List.of("store " + p.id() + " not in use, counts are not remembered: "
                            + p.reason().get())));
        }
        Report report = new Report(counter.tokenizer(), counter.estimate(listing.files()), listing);
        List<FileEstimate> rows = report.text();
        if (top != null) {
            rows = rows.stream().sorted(Comparator.comparingLong(FileEstimate::tokens).reversed()
                    .thenComparing(e -> e.path().toString())).limit(top).toList();
        }
        if (global.json()) {
            printJson(json(report, rows));
        } else {
            warn(report.problems().stream().map(p -> "cannot read " + p.path() + ": " + p.reason()).toList());
            print(text(report, rows));
        }
        return 0;
    }

    private List<String> text(Report r, List<FileEstimate> rows) {
        List<String> lines = new ArrayList<>();
        if (!rows.isEmpty()) {
            // Paths are never cut to the terminal's width: a file list is for reading and for grep.
            int width = "TOKENS".length();
            for (FileEstimate e : rows) {
                width = Math.max(width, Formats.thousands(e.tokens()).length());
            }
            lines.add(pad("TOKENS", width) + "  FILE");
            for (FileEstimate e : rows) {
                lines.add(pad(Formats.thousands(e.tokens()), width) + "  " + e.path());
            }
            lines.add("");
        }
        long files = r.text().size();
        lines.add("total: " + Formats.thousands(r.tokens()) + " tokens in " + Formats.thousands(files)
                + (files == 1 ? " file" : " files") + " (" + r.tokenizer() + "); "
                + r.count(FileEstimate.Kind.BINARY) + " binary skipped, " + r.listing().ignored() + " ignored, "
                + r.problems().size() + " unreadable");
        List<String> shares = new ArrayList<>();
        for (Window w : WINDOWS) {
            shares.add(percent(r.tokens(), w.tokens()).toPlainString() + "% of a " + w.label() + " window"
                    + (r.tokens() > w.tokens() ? " (does not fit)" : ""));
        }
        lines.add("window: " + String.join(", ", shares));
        lines.add("cache: " + Formats.thousands(r.read()) + " files read, " + Formats.thousands(r.cached())
                + " answered from the cache");
        return lines;
    }

    private static ObjectNode json(Report r, List<FileEstimate> rows) {
        ObjectNode root = SessionJson.mapper().createObjectNode();
        root.put("tokenizer", r.tokenizer());
        ObjectNode totals = root.putObject("total");
        totals.put("tokens", r.tokens());
        totals.put("characters", r.text().stream().mapToLong(FileEstimate::characters).sum());
        totals.put("bytes", r.text().stream().mapToLong(FileEstimate::bytes).sum());
        totals.put("files", r.text().size());
        totals.put("binary", r.count(FileEstimate.Kind.BINARY));
        totals.put("ignored", r.listing().ignored());
        totals.put("unreadable", r.problems().size());
        ArrayNode windows = root.putArray("windows");
        for (Window w : WINDOWS) {
            windows.addObject().put("window", w.tokens()).put("percent", percent(r.tokens(), w.tokens()))
                    .put("fits", r.tokens() <= w.tokens());
        }
        root.putObject("stats").put("read", r.read()).put("cached", r.cached());
        ArrayNode files = root.putArray("files");
        for (FileEstimate e : rows) {
            files.addObject().put("path", e.path().toString()).put("tokens", e.tokens())
                    .put("characters", e.characters()).put("bytes", e.bytes()).put("cached", e.cached());
        }
        ArrayNode unreadable = root.putArray("unreadable");
        r.problems().forEach(p -> unreadable.addObject().put("path", p.path().toString()).put("reason", p.reason()));
        return root;
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    /** Share of {@code window} in percent, one decimal. */
    static BigDecimal percent(long tokens, long window) {
        return BigDecimal.valueOf(tokens).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(window), 1, RoundingMode.HALF_UP);
    }
}
