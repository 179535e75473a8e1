package dev.llmsession.cli.statusline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.error.InvalidInputException;
import dev.llmsession.error.WriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings.json edit: every other byte kept, invalid or read-only files refused, undo exact. */
class ClaudeIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path settings() {
        return tmp.resolve("claude/settings.json");
    }

    private ClaudeIntegration integration() {
        return new ClaudeIntegration(settings(), StatusLineFiles.in(tmp.resolve("data")));
    }

    private String install() {
        ClaudeIntegration i = integration();
        i.install(i.plan(), StatusLineSettings.DEFAULT, "");
        try {
            return Files.readString(settings());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void write(String text) throws IOException {
        Files.createDirectories(settings().getParent());
        Files.writeString(settings(), text);
    }

    @Test
    void withoutStatusLine_withHooks_addsOnlyTheMember_andUndoRestoresBytes() throws IOException {
        String original = "{\n    \"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\"}]}]},\n"
                + "    \"model\": \"opus[1m]\"\n}";
        write(original);

        String after = install();

        assertThat(after).startsWith("{\n    \"statusLine\": {\"type\":\"command\",\"command\":\"sh '")
                .endsWith(",\n    \"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\"}]}]},\n"
                        + "    \"model\": \"opus[1m]\"\n}");
        assertThat(integration().uninstall()).isEqualTo(ClaudeIntegration.Undone.EXACT_BYTES);
        assertThat(Files.readString(settings())).isEqualTo(original);
    }

    @Test
    void withStatusLine_keepsItsOtherFields_andRunsThePreviousCommand() throws IOException {
        String original = "{\"statusLine\":{\"type\":\"command\",\"command\":\"~/bin/my line.sh\",\"padding\":2},"
                + "\"theme\":\"dark\"}\n";
        write(original);

        JsonNode after = JSON.readTree(install());

        assertThat(after.get("statusLine").get("padding").asInt()).isEqualTo(2);
        assertThat(after.get("theme").asText()).isEqualTo("dark");
        assertThat(Files.readString(tmp.resolve("data/statusline/statusline.sh"))).contains("previous='~/bin/my line.sh'");
        assertThat(integration().installed()).isTrue();
        assertThat(integration().plan().installed()).as("idempotent").isTrue();
        integration().uninstall();
        assertThat(Files.readString(settings())).isEqualTo(original);
    }

    @Test
    void editedSinceInstall_undoRestoresOnlyTheStatusLine() throws IOException {
        write("{\n  \"statusLine\": {\"type\": \"command\", \"command\": \"mine\"},\n  \"a\": 1\n}\n");
        String installed = install();
        Files.writeString(settings(), installed.replace("\"a\": 1", "\"a\": 2"));

        assertThat(integration().uninstall()).isEqualTo(ClaudeIntegration.Undone.STATUS_LINE_ONLY);
        assertThat(Files.readString(settings()))
                .isEqualTo("{\n  \"statusLine\": {\"type\": \"command\", \"command\": \"mine\"},\n  \"a\": 2\n}\n");
    }

    @Test
    void noSettingsFile_isCreated_andUndoRemovesIt() {
        install();
        assertThat(integration().uninstall()).isEqualTo(ClaudeIntegration.Undone.REMOVED);
        assertThat(settings()).doesNotExist();
    }

    @Test
    void invalidJson_isRefused_andNothingIsWritten() throws IOException {
        write("{\"a\": 1,}");
        assertThatThrownBy(() -> integration().plan()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid JSON");
        write("[1]");
        assertThatThrownBy(() -> integration().plan()).isInstanceOf(InvalidInputException.class);
        assertThat(Files.readString(settings())).isEqualTo("[1]");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void readOnlySettings_isRefused() throws IOException {
        write("{}");
        Files.setPosixFilePermissions(settings(), PosixFilePermissions.fromString("r--r--r--"));
        ClaudeIntegration i = integration();
        assertThatThrownBy(() -> i.install(i.plan(), StatusLineSettings.DEFAULT, ""))
                .isInstanceOf(WriteException.class).hasMessageContaining("read-only");
        assertThat(Files.readString(settings())).isEqualTo("{}");
    }

    @Test
    void editedConcurrently_betweenPlanAndWrite_isRefused() throws IOException {
        write("{\"a\": 1}");
        ClaudeIntegration i = integration();
        ClaudeIntegration.Plan plan = i.plan();
        Files.writeString(settings(), "{\"a\": 1, \"b\": 2}");

        assertThatThrownBy(() -> i.install(plan, StatusLineSettings.DEFAULT, ""))
                .isInstanceOf(WriteException.class).hasMessageContaining("changed while");
        assertThat(Files.readString(settings())).isEqualTo("{\"a\": 1, \"b\": 2}");
    }

    @Test
    void keepsTheFilePermissions() throws IOException {
        write("{}\n");
        Files.setPosixFilePermissions(settings(), PosixFilePermissions.fromString("rw-r-----"));
        install();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings()))).isEqualTo("rw-r-----");
    }

    @Test
    void settingsFile_respectsClaudeConfigDir() {
        Path home = Path.of("/home/u");
        assertThat(ClaudeIntegration.settingsFile(null, home)).isEqualTo(Path.of("/home/u/.claude/settings.json"));
        assertThat(ClaudeIntegration.settingsFile("~/alt", home)).isEqualTo(Path.of("/home/u/alt/settings.json"));
        assertThat(ClaudeIntegration.settingsFile("/etc/c", home)).isEqualTo(Path.of("/etc/c/settings.json"));
    }
}
