package dev.llmsession.cli.command;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code llm-session}: the top command; on its own it prints its usage and fails as a usage error. */
@Command(name = "llm-session", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "ps for AI coding sessions: tokens, cost, context fill, state and health.",
        subcommands = {ListCommand.class, HealthCommand.class, HistoryCommand.class, ProvidersCommand.class,
            DoctorCommand.class, MonitorCommand.class, UsageCommand.class, TokensCommand.class,
            ExportCommand.class, ImportContextCommand.class, DaemonCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure", "2:usage error (bad flag, unknown or ambiguous id)",
            "3:data error (bad configuration file, invalid context pack)"})
public final class LlmSessionCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Inject
    LlmSessionCommand() {
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
