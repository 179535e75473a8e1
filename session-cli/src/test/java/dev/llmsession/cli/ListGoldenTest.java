package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden screens of {@code list --all} at 60, 80, 120 and 200 columns, compared with
 * {@code src/test/resources/list/golden/list-<columns>.txt}. Run with {@code -Dllmsession.golden.update=true} to
 * rewrite them after a deliberate change, then review the diff.
 */
final class ListGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/list/golden");

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(ints = {60, 80, 120, 200})
    void list_all_atEachWidth(int columns) throws IOException {
        CliRun.Result r = new CliRun(home).env("COLUMNS", Integer.toString(columns)).run("list", "--all");

        assertThat(r.code()).isZero();
        assertThat(r.outLines()).allMatch(l -> dev.llmsession.cli.render.TextWidth.of(l) <= columns);
        assertThat(r.outLines().subList(1, 5)).as("whole statuses").allMatch(l -> l.matches(".* (input|working|ended) .*"));
        Path file = GOLDEN.resolve("list-" + columns + ".txt");
        if (Boolean.getBoolean("llmsession.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden screen %s (run with -Dllmsession.golden.update=true to create it)", file)
                .exists();
        assertThat(r.out()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
