package dev.llmsession.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

final class LlmSessionCommandTest {

    @Test
    void byName_namesEachSubcommandAsItsCommandAnnotationDoes() {
        for (Map.Entry<String, Class<?>> e : LlmSessionCommand.BY_NAME.entrySet()) {
            assertThat(e.getValue().getAnnotation(Command.class).name()).as(e.getValue().getName())
                    .isEqualTo(e.getKey());
        }
        assertThat(LlmSessionCommand.SUBCOMMANDS).doesNotHaveDuplicates().hasSize(LlmSessionCommand.BY_NAME.size());
    }

    @Test
    void subcommands_aNamedCommand_isThatOneAlone_completionOrNoneOrUnknown_isEveryOne() {
        assertThat(LlmSessionCommand.subcommands(Optional.of("list"))).containsExactly(ListCommand.class);
        assertThat(LlmSessionCommand.subcommands(Optional.of("import-context")))
                .containsExactly(ImportContextCommand.class);
        assertThat(LlmSessionCommand.subcommands(Optional.of("completion"))).isEqualTo(LlmSessionCommand.SUBCOMMANDS);
        assertThat(LlmSessionCommand.subcommands(Optional.of("lsit"))).isEqualTo(LlmSessionCommand.SUBCOMMANDS);
        assertThat(LlmSessionCommand.subcommands(Optional.empty())).isEqualTo(LlmSessionCommand.SUBCOMMANDS);
        assertThat(LlmSessionCommand.subcommands(List.of("--version"))).isEmpty();
        assertThat(LlmSessionCommand.subcommands(List.of("--data-dir", "x", "usage", "daily")))
                .containsExactly(UsageCommand.class);
    }
}
