package dev.llmsession.cli.statusline;

import dev.llmsession.error.WriteException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The status line's directory inside llm-session's data directory, shared with the wrapper script:
 * {@code spool/<sessionId>.json} (the latest payload, replaced by rename), {@code health/<sessionId>} (one line),
 * {@code statusline.awk} (the renderer), {@code statusline.conf}, {@code statusline.sh} (the wrapper) and
 * {@code integration.json} (what {@code integrate} changed). Everything is written to a temporary file and
 * renamed, owner-only.
 *
 * @param dir the directory
 */
public record StatusLineFiles(Path dir) {
    /** Session ids that may name a file: what the wrapper accepts too. */
    public static final Pattern SESSION_ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,127}");
    private static final String RESOURCES = "/dev/llmsession/cli/statusline/";

    public StatusLineFiles {
        Objects.requireNonNull(dir, "dir");
    }

    /** Inside the data directory. */
    public static StatusLineFiles in(Path dataDir) {
        return new StatusLineFiles(dataDir.resolve("statusline"));
    }

    public Path spool() {
        return dir.resolve("spool");
    }

    public Path payload(String sessionId) {
        return spool().resolve(sessionId + ".json");
    }

    public Path health(String sessionId) {
        return dir.resolve("health").resolve(sessionId);
    }

    public Path awk() {
        return dir.resolve("statusline.awk");
    }

    public Path conf() {
        return dir.resolve("statusline.conf");
    }

    public Path script() {
        return dir.resolve("statusline.sh");
    }

    public Path integration() {
        return dir.resolve("integration.json");
    }

    /** Records a payload as the session's latest. */
    public void record(String sessionId, byte[] payload) {
        write(payload(sessionId), payload);
    }

    /** The renderer and its settings, rewritten only when they differ. */
    public void installRenderer(StatusLineSettings settings) {
        writeIfChanged(awk(), resource("statusline.awk"));
        writeIfChanged(conf(), settings.confText().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The wrapper, with the renderer beside it.
     *
     * @param previous the user's previous status-line command, run after ours with the same payload; null for none
     * @param refresh  the command line (sh syntax) that refreshes a session's health; the session id is appended
     */
    public void installWrapper(StatusLineSettings settings, String previous, String refresh) {
        installRenderer(settings);
        String script = new String(resource("statusline.sh"), StandardCharsets.UTF_8)
                .replace("@DIR@", shQuote(dir.toAbsolutePath().toString()))
                .replace("@PREVIOUS@", shQuote(previous == null ? "" : previous))
                .replace("@REFRESH@", shQuote(refresh == null ? "" : refresh));
        writeIfChanged(script(), script.getBytes(StandardCharsets.UTF_8));
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(script(), PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new WriteException("cannot make " + script() + " executable: " + e.getMessage(), e);
        }
    }

    /**
     * The line the awk renderer makes of {@code payload} with this directory's settings and the session's health
     * line; empty when awk is missing or fails. Call {@link #installRenderer} first.
     */
    public String render(byte[] payload, String sessionId) {
        List<String> cmd = new ArrayList<>(List.of("awk", "-v", "conf=" + conf(), "-v",
                "health=" + (sessionId == null ? "" : health(sessionId).toString()), "-f",
                awk().toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(payload);
            }
            byte[] out = p.getInputStream().readNBytes(8192);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            String line = new String(out, StandardCharsets.UTF_8);
            int nl = line.indexOf('\n');
            return nl >= 0 ? line.substring(0, nl) : line;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The command Claude Code runs: the wrapper through {@code sh}. */
    public String wrapperCommand() {
        return "sh " + shQuote(script().toAbsolutePath().toString());
    }

    /** {@code text} as one single-quoted sh word. */
    public static String shQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    static byte[] resource(String name) {
        try (InputStream in = StatusLineFiles.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeIfChanged(Path file, byte[] bytes) {
        try {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return;
            }
        } catch (IOException e) {
            // unreadable: write it again
        }
        write(file, bytes);
    }

    /** Writes {@code bytes} to a temporary file beside {@code file} (owner-only) and renames it over. */
    public static void write(Path file, byte[] bytes) {
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(parent, "." + file.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            throw new WriteException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
