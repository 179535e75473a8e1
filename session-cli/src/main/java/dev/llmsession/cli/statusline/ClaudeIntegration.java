package dev.llmsession.cli.statusline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.error.InvalidInputException;
import dev.llmsession.error.WriteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The one edit llm-session makes to Claude Code's files, and only when the user runs {@code integrate claude}:
 * the {@code statusLine} member of {@code settings.json} points at the wrapper, which runs the user's previous
 * command after ours. The file is validated first (invalid JSON is refused), backed up into llm-session's data
 * directory, and replaced atomically with its permissions kept; every other byte is left as it was. Undo puts the
 * user's bytes back exactly when nothing else changed since, else only the {@code statusLine} member.
 */
public final class ClaudeIntegration {
    private static final String KEY = "statusLine";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_SETTINGS = 4L << 20;

    private final Path settings;
    private final StatusLineFiles files;

    /**
     * @param settings Claude Code's user {@code settings.json}
     * @param files    the status line's files in llm-session's data directory
     */
    public ClaudeIntegration(Path settings, StatusLineFiles files) {
        this.settings = settings;
        this.files = files;
    }

    /** {@code $CLAUDE_CONFIG_DIR/settings.json}, else {@code ~/.claude/settings.json}. */
    public static Path settingsFile(String claudeConfigDir, Path home) {
        if (claudeConfigDir != null && !claudeConfigDir.isBlank()) {
            String d = claudeConfigDir.strip();
            Path dir = d.equals("~") ? home : d.startsWith("~/") ? home.resolve(d.substring(2)) : home.resolve(d);
            return dir.resolve("settings.json");
        }
        return home.resolve(".claude").resolve("settings.json");
    }

    public Path settings() {
        return settings;
    }

    /**
     * What installing would do.
     *
     * @param before    the file's text now ({@code null} when there is no file)
     * @param after     the text it would get
     * @param oldValue  the current {@code statusLine} value text, or empty
     * @param newValue  the new value text
     * @param previous  the user's command the wrapper will run after ours, or null
     * @param installed already installed: nothing to do
     */
    public record Plan(String before, String after, Optional<String> oldValue, String newValue, String previous,
            boolean installed) {
    }

    /** Reads and validates the settings and works out the change; writes nothing. */
    public Plan plan() {
        String before = read();
        String text = before == null ? "{}\n" : before;
        JsonNode root = SettingsText.parse(text, settings.toString());
        String ours = files.wrapperCommand();
        JsonNode current = root.path(KEY);
        if (current.isObject() && ours.equals(current.path("command").asText(null))) {
            return new Plan(before, before, Optional.of(current.toString()), current.toString(), null, true);
        }
        String previous = current.isObject() && current.path("command").isTextual()
                && !current.path("command").asText().isBlank() ? current.path("command").asText() : null;
        ObjectNode value = current.isObject() ? ((ObjectNode) current).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        value.put("type", "command");
        value.put("command", ours);
        String newValue = value.toString();
        Optional<SettingsText.Span> span = SettingsText.find(text, KEY);
        String after = span.map(s -> SettingsText.replace(text, s, newValue))
                .orElseGet(() -> SettingsText.insertFirst(text, KEY, newValue));
        SettingsText.parse(after, "the edited settings"); // never write what Claude Code could not read
        Optional<String> oldValue = span.map(s -> text.substring(s.start(), s.end()));
        return new Plan(before, after, oldValue, newValue, previous, false);
    }

    /**
     * Carries out {@code plan}: the wrapper, the backup, the state for undo, then the settings file. Refuses when
     * the file changed since the plan was made.
     *
     * @param refresh the sh command line that refreshes a session's health (see {@link StatusLineFiles})
     * @return the backup, or empty when there was no file to back up
     */
    public Optional<Path> install(Plan plan, StatusLineSettings look, String refresh) {
        if (plan.installed()) {
            return Optional.empty();
        }
        checkWritable();
        files.installWrapper(look, plan.previous(), refresh);
        Optional<Path> backup = Optional.empty();
        if (plan.before() != null) {
            Path b = files.dir().resolve("backups").resolve("settings.json." + Instant.now().toEpochMilli());
            StatusLineFiles.write(b, plan.before().getBytes(StandardCharsets.UTF_8));
            backup = Optional.of(b);
        }
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("settings", settings.toAbsolutePath().toString());
        state.put("before", plan.before());
        state.put("after", plan.after());
        state.put("oldValue", plan.oldValue().orElse(null));
        state.put("newValue", plan.newValue());
        backup.ifPresent(b -> state.put("backup", b.toString()));
        StatusLineFiles.write(files.integration(), state.toPrettyString().getBytes(StandardCharsets.UTF_8));
        replace(plan.before(), plan.after());
        return backup;
    }

    /** What undo restores. */
    public enum Undone { EXACT_BYTES, REMOVED, STATUS_LINE_ONLY, NOT_INSTALLED }

    /** Puts the user's status line back; see the class comment. */
    public Undone uninstall() {
        JsonNode state = state().orElse(null);
        String now = read();
        if (state == null || now == null) {
            return Undone.NOT_INSTALLED;
        }
        String before = state.path("before").isTextual() ? state.path("before").asText() : null;
        String after = state.path("after").asText();
        checkWritable();
        if (now.equals(after)) {
            if (before == null) {
                delete(now);
            } else {
                replace(now, before);
            }
            forget();
            return before == null ? Undone.REMOVED : Undone.EXACT_BYTES;
        }
        // edited since: put only the statusLine member back, if it is still ours
        SettingsText.parse(now, settings.toString());
        Optional<SettingsText.Span> span = SettingsText.find(now, KEY);
        String newValue = state.path("newValue").asText();
        if (span.isEmpty() || !now.substring(span.get().start(), span.get().end()).equals(newValue)) {
            forget();
            return Undone.NOT_INSTALLED;
        }
        String restored;
        if (state.path("oldValue").isTextual()) {
            restored = SettingsText.replace(now, span.get(), state.path("oldValue").asText());
        } else {
            String member = "\"" + KEY + "\": " + newValue;
            int at = now.indexOf(member);
            int end = at + member.length();
            // the member we inserted first, with the separator that followed it
            int next = end;
            if (next < now.length() && now.charAt(next) == ',') {
                next++;
                while (next < now.length() && Character.isWhitespace(now.charAt(next))) {
                    next++;
                }
            }
            restored = at < 0 ? now : now.substring(0, at) + now.substring(next);
        }
        SettingsText.parse(restored, "the restored settings");
        replace(now, restored);
        forget();
        return Undone.STATUS_LINE_ONLY;
    }

    /** Whether the settings' status line is the wrapper now. */
    public boolean installed() {
        String text = read();
        if (text == null) {
            return false;
        }
        try {
            JsonNode root = SettingsText.parse(text, settings.toString());
            return files.wrapperCommand().equals(root.path(KEY).path("command").asText(null));
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** The state {@link #install} left, or empty. */
    public Optional<JsonNode> state() {
        try {
            if (!Files.isRegularFile(files.integration())) {
                return Optional.empty();
            }
            return Optional.ofNullable(MAPPER.readTree(files.integration().toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void forget() {
        try {
            Files.deleteIfExists(files.integration());
        } catch (IOException e) {
            throw new WriteException("cannot remove " + files.integration() + ": " + e.getMessage(), e);
        }
    }

    /** The file's text, or null when there is none; refuses what is not a regular file or too large. */
    private String read() {
        try {
            if (!Files.exists(settings, LinkOption.NOFOLLOW_LINKS) && !Files.exists(settings)) {
                return null;
            }
            if (!Files.isRegularFile(settings) || Files.size(settings) > MAX_SETTINGS) {
                throw new InvalidInputException(settings
                        + " is not a regular file of at most 4 MiB; nothing was changed");
            }
            return Files.readString(settings, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(settings + " is not UTF-8 text; nothing was changed");
        } catch (IOException e) {
            throw new WriteException("cannot read " + settings + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a file the user cannot write or has marked read-only (no owner write bit, which binds root too). */
    private void checkWritable() {
        Path dir = settings.toAbsolutePath().getParent();
        boolean readOnly = Files.exists(settings) && !Files.isWritable(settings);
        try {
            if (Files.exists(settings) && Files.getFileAttributeView(settings, PosixFileAttributeView.class) != null) {
                readOnly |= !Files.getPosixFilePermissions(settings).contains(PosixFilePermission.OWNER_WRITE);
            }
        } catch (IOException e) {
            readOnly = true;
        }
        if (readOnly || (Files.isDirectory(dir) && !Files.isWritable(dir))) {
            throw new WriteException(settings + " is read-only; nothing was changed", null);
        }
    }

    /**
     * Writes {@code text} over the settings through a temporary file and a rename, with the file's permissions;
     * refuses (writing nothing) when the file no longer holds {@code expected}: someone edited it meanwhile.
     */
    private void replace(String expected, String text) {
        Path real = settings;
        try {
            if (Files.isSymbolicLink(settings)) {
                real = settings.toRealPath(); // keep the user's link: write where it points
            }
            Path dir = real.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Set<PosixFilePermission> perms = null;
            if (Files.exists(real) && Files.getFileAttributeView(real, PosixFileAttributeView.class) != null) {
                perms = Files.getPosixFilePermissions(real);
            }
            Path tmp = Files.createTempFile(dir, ".settings.json.", ".llm-session.tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                if (perms != null) {
                    Files.setPosixFilePermissions(tmp, perms);
                }
                String current = Files.exists(real) ? Files.readString(real, StandardCharsets.UTF_8) : null;
                if (!java.util.Objects.equals(current, expected)) {
                    throw new WriteException(settings + " changed while llm-session was editing it; nothing was "
                            + "changed, run the command again", null);
                }
                try {
                    Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new WriteException("cannot write " + settings + ": " + e.getMessage(), e);
        }
    }

    private void delete(String expected) {
        try {
            if (!Arrays.equals(Files.readAllBytes(settings), expected.getBytes(StandardCharsets.UTF_8))) {
                throw new WriteException(settings + " changed while llm-session was editing it; nothing was changed",
                        null);
            }
            Files.delete(settings);
        } catch (IOException e) {
            throw new WriteException("cannot remove " + settings + ": " + e.getMessage(), e);
        }
    }
}
