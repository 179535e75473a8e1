package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as users run it: {@code java -jar llm-session.jar …} with an empty home. */
final class CliJarIT {
    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("llmsession.cli.jar", "target/llm-session.jar"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().put("NO_COLOR", "1");
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void jar_version_exitsZero() throws Exception {
        Run r = run("--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("llm-session ");
    }

    @Test
    void jar_listJson_isAnArrayAndWarningsStayOnStderr() throws Exception {
        Run r = run("list", "--all", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).isArray()).isTrue();
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void jar_badConfig_exitsThree() throws Exception {
        Path config = home.resolve("bad.yaml");
        Files.writeString(config, "helth: {}\n");

        Run r = run("--config", config.toString(), "doctor");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("llm-session: ~/bad.yaml:1:1: unknown key 'helth'");
    }
}
