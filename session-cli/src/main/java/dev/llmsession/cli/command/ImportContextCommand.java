package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SecretRedactor;
import dev.llmsession.cli.context.Brief;
import dev.llmsession.cli.context.PackCodec;
import dev.llmsession.cli.context.SafeFiles;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.StoredContext;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llm-session import-context <file>}: checks a context pack, records it in the store (so {@code history}
 * links it to its source session), and prints or writes the primer a fresh session starts with.
 */
@Command(name = "import-context", mixinStandardHelpOptions = true,
        description = {"Checks a context pack (format, version, schema, checksum, at most 50 MiB, plain or gzip), "
                + "records it in the store, and prints a primer to start a fresh session with.",
            "The primer goes to stdout (--print, the default) or to --write FILE (atomic, owner-only, never "
                + "replacing a file without --force); the command that starts the fresh session goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported", "1:the primer could not be written (nothing left behind)",
            "2:bad option, or the --write file exists (use --force)",
            "3:not a valid pack (nothing written, nothing recorded), or a --write path with '..'"})
public final class ImportContextCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The pack (.json or .json.gz).")
    Path file;

    @ArgGroup(exclusive = true)
    Destination destination = new Destination();

    /** Where the primer goes. */
    static final class Destination {
        @Option(names = "--print", description = "Print the primer to stdout (default).")
        boolean print;

        @Option(names = "--write", paramLabel = "FILE", description = "Write the primer to FILE instead.")
        Path write;
    }

    @Option(names = "--force", description = "Replace an existing --write file.")
    boolean force;

    @Option(names = "--no-redact", description = "Do not redact the primer again (packs are redacted at export).")
    boolean noRedact;

    @Inject
    ImportContextCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        Path target = destination.write;
        if (target != null) {
            SafeFiles.check(target, force);
        }
        PackCodec.Decoded decoded = PackCodec.read(file);
        ContextPack pack = decoded.pack();
        // Checked before anything is written: an unusable store must not leave a primer behind without a record.
        LlmSessions lib = sessions();
        List<String> warnings = new ArrayList<>();
        if (noRedact) {
            warnings.add("--no-redact: the primer is written as the pack holds it");
        } else if (!pack.redaction().applied()) {
            warnings.add("the pack was exported without redaction; the primer is redacted now");
        }
        ContextPack shown = noRedact ? pack : SecretRedactor.standard().redact(pack);
        String primer = Brief.primer(shown);
        Path written = null;
        if (target != null) {
            byte[] bytes = primer.getBytes(StandardCharsets.UTF_8);
            written = SafeFiles.write(target, force, o -> o.write(bytes));
        }
        boolean recorded = lib.imports().record(new StoredContext(decoded.sha256(),
                pack.source().id(), pack.source().assistant(), pack.source().cwd(), pack.exportedAt(),
                environment().clock().instant(), file.toAbsolutePath().normalize().toString(),
                decoded.canonicalJson()));
        if (!recorded) {
            warnings.add("not recorded: no store that keeps contexts is active (llm-session providers says why)");
        }
        warn(warnings);
        String primerCommand = written != null ? "cat " + Brief.shellQuote(written.toString())
                : "llm-session import-context " + Brief.shellQuote(file.toAbsolutePath().normalize().toString())
                        + " 2>/dev/null";
        List<String> notes = new ArrayList<>();
        notes.add("Imported context pack " + decoded.sha256().substring(0, 12) + " of " + pack.source().id()
                + (recorded ? "; history lists it" : ""));
        if (written != null) {
            notes.add("Primer written to " + written);
        }
        notes.add("Start a fresh session with it:");
        notes.add("  " + Brief.startCommand(shown, primerCommand));
        if (written == null) {
            out().print(primer);
            out().flush();
            notes.forEach(n -> err().println(terminal().sanitize(n)));
            err().flush();
        } else {
            print(notes);
        }
        return 0;
    }
}
