package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.context.Brief;
import dev.llmsession.cli.context.PackCodec;
import dev.llmsession.cli.context.SafeFiles;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.Session;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llm-session export <id>}: the session's context pack (SPEC §8), redacted, to a file or stdout. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the context pack of a session: goals, compaction summary, last messages, files "
                + "touched, todos, errors, health and tokens, with secrets redacted.",
            "JSON by default (.json.gz or --gzip compresses it), or a markdown handoff brief; stdout when no file "
                + "is given. Files are written atomically, owner-only (0600), never replacing one without --force."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the file could not be written (nothing left behind)",
            "2:unknown id, bad option, or the file exists (use --force)", "3:the path climbs with '..'"})
public final class ExportCommand extends BaseCommand {
    /** Output formats. */
    enum Format { JSON, MARKDOWN }

    @Parameters(index = "0", paramLabel = "ID", description = "A session id or any unique prefix of it.")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (.json, .json.gz, .md); default: stdout.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "json or markdown (default: json, markdown for a .md file).")
    Format format;

    @Option(names = "--gzip", description = "Compress the JSON with gzip (implied by a .gz file name).")
    boolean gzip;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "" + ContextRequest.DEFAULT_MESSAGES,
            description = "How many of the last messages to keep (default: ${DEFAULT-VALUE}, at most "
                    + ContextRequest.MAX_MESSAGES + ").")
    int messages;

    @Option(names = "--no-redact", description = "Keep secrets as they are (a warning is printed).")
    boolean noRedact;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Inject
    ExportCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        if (messages < 0 || messages > ContextRequest.MAX_MESSAGES) {
            throw new UsageException("--messages must be between 0 and " + ContextRequest.MAX_MESSAGES + ": "
                    + messages);
        }
        Format chosen = format != null ? format
                : output != null && output.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".md")
                        ? Format.MARKDOWN : Format.JSON;
        boolean compress = gzip || (output != null && output.toString().endsWith(".gz"));
        if (compress && chosen == Format.MARKDOWN) {
            throw new UsageException("--gzip applies to the JSON format only");
        }
        if (compress && output == null) {
            throw new UsageException("gzip output needs a file: add -o FILE.json.gz");
        }
        if (output != null) {
            SafeFiles.check(output, force); // before any work: a refusal changes nothing
        }
        LlmSessions lib = sessions();
        Session session = lib.catalog().resolve(id);
        if (noRedact) {
            warn(List.of("--no-redact: secrets in the conversation are written as they are"));
        }
        ContextPack pack = lib.contexts().export(session, ContextRequest.DEFAULT.withMessages(messages), !noRedact);
        byte[] bytes = chosen == Format.MARKDOWN ? Brief.handoff(pack).getBytes(StandardCharsets.UTF_8)
                : PackCodec.encode(pack, compress);
        if (output == null) {
            out().print(new String(bytes, StandardCharsets.UTF_8));
            out().flush();
            return 0;
        }
        Path written = SafeFiles.write(output, force, o -> o.write(bytes));
        print(List.of("Exported " + session.id().value() + " to " + written + " ("
                + pack.context().messages().size() + " messages, " + pack.context().files().size() + " files, "
                + (pack.redaction().applied() ? pack.redaction().count() + " secret(s) redacted" : "not redacted")
                + ")"));
        return 0;
    }
}
